// SQL of teacher moves (交流轮岗, 支教, 特岗), teacher payables (乡镇补贴, 生活补助, 学费补偿) and the
// teachers' bank cards their payables are paid to.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TeacherBankAccountTable, TeacherMoveTable, TeacherPayableTable } from '../db/projects-schema.ts';
import { studentScope, type DataScope } from '../platform/scope.ts';
import type { TeacherTable } from '../db/schools-schema.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type Move = Omit<TeacherMoveTable, 'id'> & { id: number };
export type Payable = Omit<TeacherPayableTable, 'id'> & { id: number };

export async function teacherByKey(db: Db, key: string): Promise<TeacherTable | undefined> {
  return db.selectFrom('teachers').selectAll().where('teacher_key', '=', key).executeTakeFirst();
}

export async function insertMove(db: Db, row: Omit<Move, 'id'>): Promise<number> {
  return Number((await db.insertInto('teacher_moves').values(row).returning('id').executeTakeFirstOrThrow()).id);
}

export async function allMoves(db: Db): Promise<Move[]> {
  return (await db.selectFrom('teacher_moves').selectAll().orderBy('start_on').orderBy('id').execute()).map((r) => ({ ...r, id: Number(r.id), school_year: Number(r.school_year), backbone: Number(r.backbone) }));
}

const payable = (r: Omit<TeacherPayableTable, 'id'> & { id: unknown }): Payable => ({ ...r, id: Number(r.id), amount_fen: Number(r.amount_fen) });

export async function payablesOf(db: Db, o: { period?: string; ids?: number[] } = {}): Promise<Payable[]> {
  let q = db.selectFrom('teacher_payables').selectAll();
  if (o.period) q = q.where('period', '=', o.period);
  if (o.ids) q = q.where('id', 'in', o.ids.length ? o.ids : [-1]);
  return (await q.orderBy('period').orderBy('school_code').orderBy('teacher_key').orderBy('item').execute()).map(payable);
}

/** Inserts the payables not there yet (one per teacher, item and period); returns how many were new. */
export async function insertPayables(db: Db, rows: Omit<Payable, 'id'>[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const r = await db.insertInto('teacher_payables').values(rows.slice(i, i + 500)).onConflict((oc) => oc.columns(['teacher_key', 'item', 'period']).doNothing()).returning('id').execute();
    created += r.length;
  }
  return created;
}

export async function setPayableStatus(db: Db, ids: number[], o: { status: string; paid_on: string | null; pay_note: string; actor: string; at: string }): Promise<void> {
  await db.updateTable('teacher_payables').set(o).where('id', 'in', ids).execute();
}

/** A period's payables not yet paid (待发放 or 发放失败) in the scope, with the teacher's name and school. */
export async function unpaidPayablesOf(db: Db, period: string, scope: DataScope) {
  const rows = await db
    .selectFrom('teacher_payables as p')
    .leftJoin('teachers as t', 't.teacher_key', 'p.teacher_key')
    .leftJoin('schools as s', 's.code', 'p.school_code')
    .selectAll('p')
    .select(['t.name', 's.name as school_name'])
    .where('p.period', '=', period)
    .where('p.status', '!=', '已发放')
    .where(studentScope(scope, 'p'))
    .orderBy('p.school_code')
    .orderBy('p.teacher_key')
    .orderBy('p.item')
    .execute();
  return rows.map((r) => ({ ...payable(r), name: r.name ?? '', school_name: r.school_name ?? '' }));
}

export async function teacherAccounts(db: Db, keys: string[]): Promise<Map<string, TeacherBankAccountTable>> {
  const out = new Map<string, TeacherBankAccountTable>();
  for (let i = 0; i < keys.length; i += 2000) {
    for (const r of await db.selectFrom('teacher_bank_accounts').selectAll().where('teacher_key', 'in', keys.slice(i, i + 2000)).execute()) out.set(r.teacher_key, r);
  }
  return out;
}

export async function putTeacherAccounts(db: Db, rows: TeacherBankAccountTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('teacher_bank_accounts')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('teacher_key').doUpdateSet((eb) => ({ county_code: eb.ref('excluded.county_code'), holder_name: eb.ref('excluded.holder_name'), account_no: eb.ref('excluded.account_no'), bank_name: eb.ref('excluded.bank_name'), updated_at: eb.ref('excluded.updated_at'), actor: eb.ref('excluded.actor') })))
      .execute();
  }
}
