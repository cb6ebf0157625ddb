// Use cases "import roster" and "import attendance": the two dropout lists through the one table import.
import type { Database } from '../db/database.ts';
import type { Actor } from '../platform/scope.ts';
import { ATTENDANCE_COLUMNS, ROSTER_COLUMNS } from './dropout.columns.ts';
import { importTable, type TableImportSummary } from './import-table.ts';
import { studentDirectory } from './import.repository.ts';
import { normalizeAttendanceRow, normalizeRosterRow } from './roster.rules.ts';

export interface ListImportOptions {
  file: string;
  sheet?: string;
  errorsFile?: string;
  actor: Actor;
}

export async function importRoster(database: Database, opts: ListImportOptions): Promise<TableImportSummary> {
  return importTable(database, { kind: 'roster', spec: ROSTER_COLUMNS, table: 'roster_children', key: 'roster_key', keyLabel: ['身份证件号（或姓名、出生日期、户籍地）', 'ID number (or name, birth date and hukou)'], normalize: normalizeRosterRow }, opts);
}

export async function importAttendance(database: Database, opts: ListImportOptions): Promise<TableImportSummary> {
  const counties = new Map((await studentDirectory(database.db)).map((s) => [s.student_no, s.county_code]));
  return importTable(
    database,
    { kind: 'attendance', spec: ATTENDANCE_COLUMNS, table: 'attendance', key: 'record_key', keyLabel: ['学籍号和日期', 'student number and date'], normalize: (v) => normalizeAttendanceRow(v, (no) => counties.get(no)) },
    opts,
  );
}
