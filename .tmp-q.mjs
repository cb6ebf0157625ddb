import SQLite from 'better-sqlite3';
const db = new SQLite('/tmp/prof/f.db', { readonly: true });
const PC = db.prepare("select * from students limit 1").columns().map(c=>c.name);
const OPEN = "(id_number is null or id_number like '%000')";
const CLOSED = "(id_number is not null and id_number not like '%000')";
const ID_BIRTH = "substr(id_number, 7, 4) || '-' || substr(id_number, 11, 2) || '-' || substr(id_number, 13, 2)";
const qs = {
  counties: 'select county_code from students union select county_code from members order by county_code',
  openStudents: `select * from students where ${OPEN}`,
  earliest: `select min(birth_date) as b, min(substr(id_number, 7, 8)) as i from students where ${CLOSED}`,
  cross: `select distinct s.student_no, m.county_code from students s join members m on m.id_number = s.id_number where s.county_code <> m.county_code and s.id_number not like '%000'`,
  openMembers: `select * from members where ${OPEN}`,
  closedStudents: [`select * from students where county_code = ? and ${CLOSED}`, '513432'],
  youngMembers: [`select * from members where county_code = ? and ${CLOSED} and (birth_date is null or birth_date >= ? or ${ID_BIRTH} >= ?)`, '513432', '2005-09-01', '2005-09-01'],
  adultIds: [`select member_id as key, id_number from members where county_code = ? and ${CLOSED} and birth_date < ? and ${ID_BIRTH} < ?`, '513432', '2005-09-01', '2005-09-01'],
};
for (const [k, v] of Object.entries(qs)) {
  const [sql, ...args] = Array.isArray(v) ? v : [v];
  const t = performance.now(); let n = 0;
  for (const r of db.prepare(sql).raw(true).iterate(...args)) n++;
  console.log(k, n, (performance.now() - t).toFixed(0), 'ms', db.prepare('explain query plan ' + sql).all(...args).map(r => r.detail).join(' | '));
}
