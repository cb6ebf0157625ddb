// Use case `fuzhi report coverage`: who is entitled to cash aid in a term and whether they were put
// in a batch and paid, by school, county and item (应助尽助), plus stopped aid and its reasons.
import type { Database } from '../db/database.ts';
import { writeTable } from '../files/write-table.ts';
import type { DataScope } from '../platform/scope.ts';
import { COVERAGE_HEADERS, coverageCells, coverageRows } from './coverage.rules.ts';
import { coverageFacts, stoppedWithoutReason } from './coverage.repository.ts';

/** 应助尽助 in figures for a term: entitled, put in a batch, paid (nothing written). */
export async function coverageFigures(database: Database, o: { schoolYear: number; term: string; scope?: DataScope }): Promise<{ entitled: number; batched: number; paid: number }> {
  const facts = await coverageFacts(database.db, o.schoolYear, o.term, o.scope);
  return { entitled: facts.length, batched: facts.filter((f) => f.payStatus !== null).length, paid: facts.filter((f) => f.payStatus === '已发放').length };
}

/** Entitled and paid cash entitlements school by school (the indicators' breakdown adds them up). */
export async function coverageBySchool(database: Database, o: { schoolYear: number; term: string; scope?: DataScope }): Promise<Map<string, { entitled: number; paid: number }>> {
  const out = new Map<string, { entitled: number; paid: number }>();
  for (const f of await coverageFacts(database.db, o.schoolYear, o.term, o.scope)) {
    const line = out.get(f.schoolCode) ?? out.set(f.schoolCode, { entitled: 0, paid: 0 }).get(f.schoolCode)!;
    line.entitled++;
    if (f.payStatus === '已发放') line.paid++;
  }
  return out;
}

export async function reportCoverage(database: Database, o: { schoolYear: number; term: string; out: string; scope?: DataScope }) {
  const facts = await coverageFacts(database.db, o.schoolYear, o.term, o.scope);
  const rows = coverageRows(facts);
  const n = await writeTable(o.out, COVERAGE_HEADERS, rows.map(coverageCells), { sheetName: '资助覆盖率', textColumns: [0, 8] });
  const entitled = facts.length;
  const paid = facts.filter((f) => f.payStatus === '已发放').length;
  const batched = facts.filter((f) => f.payStatus !== null).length;
  return {
    rows: n,
    file: o.out,
    entitled,
    batched,
    paid,
    unbatched: entitled - batched,
    coverage: entitled === 0 ? null : Math.round((paid * 1000) / entitled) / 10,
    stoppedWithoutReason: await stoppedWithoutReason(database.db, o.schoolYear, o.term, o.scope),
  };
}
