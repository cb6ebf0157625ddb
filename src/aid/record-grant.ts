// Use case `fuzhi grant add`: records a one-off grant (应急救助 / 临时生活补助, 三明 seed 003 第2条) for a
// student and term; the next `fuzhi entitle` turns it into an entitlement paid through a batch.
import type { Database } from '../db/database.ts';
import { FuzhiError, notFound } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { fenToYuan } from '../kernel/money.ts';
import { studentsByNo } from '../registry/listed-students.service.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import type { Actor } from '../platform/scope.ts';
import type { AidTerm } from './policy.schema.ts';
import { findItem, policySetFor } from './policy.rules.ts';
import { policySetsOfYear } from './policy.repository.ts';
import { putGrant } from './grant.repository.ts';

export async function recordGrant(database: Database, o: { schoolYear: number; term: AidTerm; studentNo: string; item: string; fen: number; reason: string; actor: Actor }) {
  const sets = await policySetsOfYear(database.db, o.schoolYear);
  if (sets.length === 0) throw new FuzhiError('AID_NO_POLICY', `${o.schoolYear} 学年尚无资助政策`, `no aid policy for ${o.schoolYear}`);
  const [s] = await studentsByNo(database.db, [o.studentNo]);
  if (!s) throw notFound(`学籍中没有学生 ${o.studentNo}`, `no student ${o.studentNo} in the roster`);
  // the set of the student's school region, as the computation of entitlements will use
  const policy = policySetFor(sets.map((x) => x.policy), s.schoolRegion);
  if (!policy) throw new FuzhiError('AID_NO_POLICY', `${o.schoolYear} 学年尚无适用于学生 ${o.studentNo} 所在地区（${s.schoolRegion}）的资助政策`, `no aid policy for ${o.schoolYear} applies to the region ${s.schoolRegion} of student ${o.studentNo}`);
  const item = findItem(policy, o.item);
  if (item.amount.per !== 'once') {
    throw new FuzhiError('AID_ITEM_NOT_ONCE', `“${item.name}”不是一次性（应急救助）项目`, `"${item.name}" is not a one-off (emergency) item`, { exitCode: 2 });
  }
  const id = `${o.schoolYear}|${o.term}|${s.studentNo}|${item.code}`;
  await database.db.transaction().execute(async (trx) => {
    await putGrant(trx, { id, school_year: o.schoolYear, term: o.term, student_no: s.studentNo, county_code: s.countyCode, item_code: item.code, fen: o.fen, reason: o.reason, actor: o.actor.username, at: nowIso() });
    await recordAudit(trx, { actor: o.actor.username, action: 'aid.grant.add', target: s.studentNo, detail: { item: item.code, fen: o.fen, reason: o.reason }, countyCode: s.countyCode });
  });
  return { ok: true, studentNo: s.studentNo, item: item.code, amount: fenToYuan(o.fen), schoolYear: o.schoolYear, term: o.term };
}
