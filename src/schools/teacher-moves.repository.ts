// SQL of teacher moves (交流轮岗, 支教, 特岗) and teacher payables (乡镇补贴, 生活补助, 学费补偿).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TeacherMoveTable, TeacherPayableTable } from '../db/projects-schema.ts';
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
