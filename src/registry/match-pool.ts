// Counties compared by worker threads (match-worker.ts), for matchByCounty with workers > 1. Each
// worker opens its own read connection and compares one county at a time; the main thread hands
// out counties in order and merges their results in county order, so that the result is the same
// as one county after the other. At most `workers` counties are out (compared, or done and waiting
// for an earlier one) at a time: the partitions held at once follow the number of workers, not the
// number of counties. A failure anywhere stops every worker and fails the run (nothing is written:
// the write comes after the comparison).
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readerOptionsOf, type Database } from '../db/database.ts';
import { errorFromTransfer, type TransferredError } from '../kernel/errors.ts';
import { trace } from '../kernel/trace.ts';
import type { ClosedHits } from './match-blocking.rules.ts';
import type { CityFacts, CountyResult } from './match-counties.ts';

/** What a match worker is started with. */
export interface MatchWorkerData {
  connection: ReturnType<typeof readerOptionsOf>;
  facts: CityFacts;
}

/** Main thread → worker: compare county number n (its position in the run's county list), or close and end. */
export type CountyTask = { type: 'county'; n: number; county: string } | { type: 'end' };

/** Worker → main thread. */
export type WorkerMessage = { type: 'county'; n: number; result: CountyResult; hits: ClosedHits } | { type: 'error'; error: TransferredError };

/**
 * match-worker.js beside this code when Fuzhi runs from its bundle (bin/fuzhi builds it as an entry
 * of its own, like import-worker.js); from the TypeScript sources (tests, tsx) match-worker.ts,
 * started through a line that registers the tsx loader in the new thread first (a worker does not
 * take the loader of its parent, nor `--import tsx` in its execArgv, on Node 20).
 */
function startWorker(workerData: MatchWorkerData): Worker {
  if (import.meta.url.endsWith('.js')) {
    const url = new URL('./match-worker.js', import.meta.url);
    if (fs.existsSync(url)) return new Worker(url, { workerData });
  }
  const url = new URL('./match-worker.ts', import.meta.url);
  if (!fs.existsSync(url)) throw new Error(`no match worker beside ${import.meta.url}`);
  const tsxApi = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

export interface PoolCallbacks {
  /** A county's result, in county order. */
  merge(result: CountyResult, hits: ClosedHits): void;
  /** As counties finish (in the order they finish): the county, how many are done, of how many. */
  onCounty?: (county: string, done: number, total: number) => void | Promise<void>;
  /** Whenever a county is handed out: how many are out and not yet merged. */
  onHeld?: (held: number) => void;
}

export async function compareInWorkers(database: Database, facts: CityFacts, counties: string[], workers: number, cb: PoolCallbacks): Promise<void> {
  const workerData: MatchWorkerData = { connection: readerOptionsOf(database), facts };
  const pool: Worker[] = [];
  const waiting = new Map<number, { result: CountyResult; hits: ClosedHits }>();
  let next = 0; // the next county to hand out
  let merged = 0; // counties merged (the next one to merge)
  let done = 0;
  let progress: Promise<void> = Promise.resolve();
  let settled = false;

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const idle: Worker[] = [];
      const handOut = () => {
        while (idle.length > 0 && next < counties.length && next - merged < workers) {
          const w = idle.pop()!;
          const task: CountyTask = { type: 'county', n: next, county: counties[next] };
          next++;
          cb.onHeld?.(next - merged);
          w.postMessage(task);
        }
      };
      for (let k = 0; k < workers; k++) {
        const w = startWorker(workerData);
        pool.push(w);
        idle.push(w);
        w.on('message', (m: WorkerMessage) => {
          if (settled) return;
          if (m.type === 'error') return fail(errorFromTransfer(m.error));
          try {
            waiting.set(m.n, { result: m.result, hits: m.hits });
            done++;
            const county = counties[m.n];
            const d = done;
            progress = progress.then(() => cb.onCounty?.(county, d, counties.length));
            progress.catch(fail);
            for (let r = waiting.get(merged); r; r = waiting.get(merged)) {
              waiting.delete(merged);
              cb.merge(r.result, r.hits);
              merged++;
            }
            idle.push(w);
            if (merged === counties.length) {
              settled = true;
              resolve();
            } else handOut();
          } catch (e) {
            fail(e);
          }
        });
        w.on('error', fail);
        w.on('exit', (code) => {
          if (!settled) fail(new Error(`match worker exited with code ${code} before the comparison ended`));
        });
      }
      handOut();
    });
    await progress;
    // each worker closes its connection and ends
    await Promise.all(
      pool.map(async (w) => {
        const exited = new Promise((resolve) => w.once('exit', resolve));
        w.postMessage({ type: 'end' } satisfies CountyTask);
        await Promise.race([exited, sleep(10_000, undefined, { ref: false })]); // else terminated below
      }),
    );
    trace(`match: ${counties.length} counties compared by ${workers} workers`);
  } finally {
    settled = true;
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
