// SQL for policy sets: one per region and school year, every version kept in aid_policy_history.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { PolicySetSchema, type PolicySet } from './policy.schema.ts';

export interface StoredPolicySet {
  id: string;
  version: number;
  policy: PolicySet;
}

export function policySetId(schoolYear: number, regionCode: string | null): string {
  return `${schoolYear}:${regionCode ?? '*'}`;
}

/** Every policy set of a school year, most specific region first. */
export async function policySetsOfYear(db: Kysely<DB>, schoolYear: number): Promise<StoredPolicySet[]> {
  const rows = await db.selectFrom('aid_policy_sets').selectAll().where('school_year', '=', schoolYear).execute();
  return rows
    .map((r) => ({ id: r.id, version: r.version, policy: PolicySetSchema.parse(JSON.parse(r.definition_json)) }))
    .sort((a, b) => (b.policy.regionCode ?? '').length - (a.policy.regionCode ?? '').length);
}

/** A school's 12-digit region (schools.region_code), the place whose policy set applies to it; null when unknown. */
export async function regionOfSchool(db: Kysely<DB>, schoolCode: string): Promise<string | null> {
  const r = await db.selectFrom('schools').select('region_code').where('code', '=', schoolCode).executeTakeFirst();
  return r?.region_code ?? null;
}

/** Writes a new version of a policy set and its history row (in the caller's transaction). */
export async function savePolicySet(
  db: Kysely<DB>,
  policy: PolicySet,
  change: { what: string; reason: string | null; actor: string; at: string },
): Promise<number> {
  const id = policySetId(policy.schoolYear, policy.regionCode);
  const prev = await db.selectFrom('aid_policy_sets').select('version').where('id', '=', id).executeTakeFirst();
  const version = (prev?.version ?? 0) + 1;
  const json = JSON.stringify(policy);
  const row = {
    school_year: policy.schoolYear,
    region_code: policy.regionCode ?? '',
    name: policy.name,
    preset: policy.preset,
    definition_json: json,
    version,
    updated_by: change.actor,
    updated_at: change.at,
  };
  if (prev) await db.updateTable('aid_policy_sets').set(row).where('id', '=', id).execute();
  else await db.insertInto('aid_policy_sets').values({ id, ...row }).execute();
  await db
    .insertInto('aid_policy_history')
    .values({ policy_set_id: id, version, change: change.what, reason: change.reason, definition_json: json, actor: change.actor, at: change.at })
    .execute();
  return version;
}

export async function policyHistory(db: Kysely<DB>, id: string): Promise<{ version: number; change: string; reason: string | null; actor: string; at: string }[]> {
  return db
    .selectFrom('aid_policy_history')
    .select(['version', 'change', 'reason', 'actor', 'at'])
    .where('policy_set_id', '=', id)
    .orderBy('version')
    .execute();
}

/** Every version of a policy set with its definition, for the amount history of each item. */
export async function policyVersions(db: Kysely<DB>, id: string): Promise<{ version: number; policy: PolicySet; change: string; reason: string | null; actor: string; at: string }[]> {
  const rows = await db
    .selectFrom('aid_policy_history')
    .select(['version', 'change', 'reason', 'actor', 'at', 'definition_json'])
    .where('policy_set_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({ version: r.version, change: r.change, reason: r.reason, actor: r.actor, at: r.at, policy: PolicySetSchema.parse(JSON.parse(r.definition_json)) }));
}
