// Runs the real `bin/fuzhi` as a county officer would, capturing exit code, stdout and stderr.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '..', 'bin', 'fuzhi');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: Record<string, any> | null; // the last stdout line, parsed
}

export function fuzhi(args: string[], env: Record<string, string | undefined> = {}, input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: undefined, FUZHI_DB: undefined, ...env },
    input,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = r.stdout.trim().split('\n');
  let json: Record<string, any> | null = null;
  try {
    json = JSON.parse(lines[lines.length - 1]);
  } catch {
    json = null;
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** The environment selecting a test database for the CLI. */
export function dbEnv(options: { dbPath?: string; url?: string }): Record<string, string | undefined> {
  return options.url ? { DATABASE_URL: options.url } : { FUZHI_DB: options.dbPath };
}

/** A one-school 学校名单, and the header of a small 学籍 list, as the CLI tests write them. */
export const ONE_SCHOOL_CSV = '学校标识码,学校名称,行政区划代码,办学类型,城乡类型\n2151343301,甘洛县新市坝镇中心小学,513433101,小学,乡村\n';
export const STUDENT_HEADER = '姓名,性别,身份证件号,学籍号,出生日期,学校标识码,学段,年级,是否寄宿,学籍状态';
