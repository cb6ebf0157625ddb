// 应助尽助 coverage, pure: from each cash entitlement of a term and what became of it (in a live
// batch? paid?) to rows by school and item, with totals by county and by item.
export interface CoverageFact {
  schoolCode: string;
  schoolName: string;
  countyCode: string;
  itemCode: string;
  itemName: string;
  payStatus: string | null; // null: in no live batch
}

export interface CoverageRow {
  level: '学校' | '区县' | '项目合计';
  schoolCode: string;
  schoolName: string;
  countyCode: string;
  itemName: string;
  entitled: number;
  batched: number;
  paid: number;
}

export const COVERAGE_HEADERS = ['学校标识码', '学校名称', '资助项目', '应享人数', '已纳入批次人数', '已发放人数', '覆盖率', '汇总层级', '区县代码', '未纳入批次人数'];

function add(map: Map<string, CoverageRow>, key: string, base: Omit<CoverageRow, 'entitled' | 'batched' | 'paid'>, f: CoverageFact): void {
  const row = map.get(key) ?? { ...base, entitled: 0, batched: 0, paid: 0 };
  row.entitled += 1;
  if (f.payStatus !== null) row.batched += 1;
  if (f.payStatus === '已发放') row.paid += 1;
  map.set(key, row);
}

export function coverageRows(facts: CoverageFact[]): CoverageRow[] {
  const schools = new Map<string, CoverageRow>();
  const counties = new Map<string, CoverageRow>();
  const items = new Map<string, CoverageRow>();
  for (const f of facts) {
    add(schools, `${f.schoolCode}|${f.itemCode}`, { level: '学校', schoolCode: f.schoolCode, schoolName: f.schoolName, countyCode: f.countyCode, itemName: f.itemName }, f);
    add(counties, `${f.countyCode}|${f.itemCode}`, { level: '区县', schoolCode: '', schoolName: `区县 ${f.countyCode} 合计`, countyCode: f.countyCode, itemName: f.itemName }, f);
    add(items, f.itemCode, { level: '项目合计', schoolCode: '', schoolName: '全部学校', countyCode: '', itemName: f.itemName }, f);
  }
  const sorted = (m: Map<string, CoverageRow>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return [...sorted(schools), ...sorted(counties), ...sorted(items)];
}

/** 覆盖率 as shown: paid / entitled, one decimal ("100.0%"). */
export function rate(r: CoverageRow): string {
  return r.entitled === 0 ? '' : `${((r.paid * 100) / r.entitled).toFixed(1)}%`;
}

export function coverageCells(r: CoverageRow): (string | number)[] {
  return [r.schoolCode, r.schoolName, r.itemName, r.entitled, r.batched, r.paid, rate(r), r.level, r.countyCode, r.entitled - r.batched];
}
