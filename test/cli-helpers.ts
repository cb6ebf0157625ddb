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
