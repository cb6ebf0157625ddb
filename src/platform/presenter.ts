// The one presenter of personal data: what a viewer sees of each field, from FIELD_VISIBILITY
// (policy.ts) and the masks of privacy.rules.ts. API answers, CLI exports, audit entries and log
// lines all go through it (Outline's presenters are the model); the browser masks nothing.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { recordAudit } from './audit.repository.ts';
import { FIELD_VISIBILITY, type PersonalField } from './policy.ts';
import { maskAddress, maskBankAccount, maskIdNumber, maskPhone, maskStudentNo, maskUnusableId, redactIds } from './privacy.rules.ts';
import type { Actor, Role } from './scope.ts';

/** Who is looking, and whether they asked for full details (already authorised and audited). */
export interface Viewer {
  role: Role;
  full: boolean;
}

/** A viewer with the default (masked) view of their role. */
export function viewerOf(actor: Pick<Actor, 'role'>): Viewer {
  return { role: actor.role, full: false };
}

const MASKS: Record<PersonalField, ((v: string) => string | null) | null> = {
  idNumber: maskIdNumber,
  teacherIdNumber: maskIdNumber,
  studentNo: maskStudentNo,
  bankAccount: maskBankAccount,
  phone: maskPhone,
  address: maskAddress,
  poverty: null, // a status cannot be half shown: masked means not shown
  household: null,
};

/** What the viewer sees of a field: 'full', 'masked' or 'hidden'. */
export function shownAs(viewer: Viewer, field: PersonalField): 'full' | 'masked' | 'hidden' {
  const v = FIELD_VISIBILITY[field][viewer.role];
  if (v === 'full') return 'full';
  if (v === 'onRequest') return viewer.full ? 'full' : 'masked';
  if (v === 'masked') return MASKS[field] ? 'masked' : 'hidden';
  return 'hidden';
}

/** A field's value as the viewer may see it; null when hidden (or empty). */
export function present(viewer: Viewer, field: PersonalField, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const how = shownAs(viewer, field);
  if (how === 'full') return value;
  if (how === 'hidden') return null;
  return MASKS[field]!(value);
}

/**
 * A person's ID number as the viewer may see it: the usable ID by the field's rule; without one, the
 * cell as it arrived — in full only to a viewer who sees the field in full, otherwise with every
 * digit after the region code hidden (maskUnusableId). The one rule for every list, file and
 * export that shows an ID of a student, a registry member or a teacher.
 */
export function presentId(
  viewer: Viewer,
  field: 'idNumber' | 'teacherIdNumber',
  person: { id_number: string | null | undefined; id_raw: string | null | undefined } | null | undefined,
): string | null {
  if (!person) return null;
  if (person.id_number) return present(viewer, field, person.id_number);
  const raw = person.id_raw;
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const how = shownAs(viewer, field);
  if (how === 'full') return raw;
  if (how === 'hidden') return null;
  return maskUnusableId(raw);
}

/** Whether the viewer may ask for the field in full at all. */
export function mayAskFull(role: Role, field: PersonalField): boolean {
  const v = FIELD_VISIBILITY[field][role];
  return v === 'onRequest' || v === 'full';
}

/**
 * A full view: refused (403) unless the role may see every one of the fields in full; otherwise
 * the read is written to the audit log before any data is returned.
 */
export async function fullViewer(
  db: Kysely<DB>,
  actor: Actor,
  o: { fields: PersonalField[]; action: string; target: string; regions?: (string | null | undefined)[]; detail?: unknown },
): Promise<Viewer> {
  const denied = o.fields.filter((f) => !mayAskFull(actor.role, f));
  if (denied.length > 0) {
    throw new FuzhiError('FORBIDDEN', `当前角色（${actor.role}）无权查看完整信息：${denied.join('、')}`, `role ${actor.role} may not read in full: ${denied.join(', ')}`, {
      status: 403,
    });
  }
  await recordAudit(db, { actor: actor.username, action: o.action, target: o.target, regions: o.regions, detail: o.detail });
  return { role: actor.role, full: true };
}

/**
 * The viewer of an export or a listing: masked by role, or — when the user asked for full details
 * (`--full`, `?full=1`) — a full view that is authorised and audited first.
 */
export async function exportViewer(
  db: Kysely<DB>,
  actor: Actor,
  o: { full: boolean; fields: PersonalField[]; action: string; target: string; regions?: (string | null | undefined)[]; detail?: unknown },
): Promise<Viewer> {
  return o.full ? fullViewer(db, actor, { ...o, action: `${o.action}.full` }) : viewerOf(actor);
}

/** Free text that leaves the system (audit entries, log lines): every ID-like run masked. */
export function presentText(text: string): string {
  return redactIds(text);
}

/** Deeply masks ID-like runs in every string of a value (log objects, audit details). */
export function presentDeep<T>(value: T): T {
  if (typeof value === 'string') return redactIds(value) as T;
  if (Array.isArray(value)) return value.map((v) => presentDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, presentDeep(v)])) as T;
  }
  return value;
}
