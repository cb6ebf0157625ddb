// Runs import-rows in a worker thread (import-worker.ts) when Fuzhi runs from its bundle and the
// file is large enough to be worth a thread; the same PreparedTable either way.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { errorFromTransfer, type TransferredError } from '../kernel/errors.ts';
import { prepareTable, type PreparedBatch, type PreparedHead, type PreparedTable, type PrepareOptions } from './import-rows.ts';

/** Files smaller than this are prepared in the importing thread: a thread costs ≈0.1 s to start. */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

/**
 * import-worker.js beside this code when Fuzhi runs from its bundle (bin/fuzhi builds
 * dist/cli/<stamp>/); from the TypeScript sources (tests, tsx) there is none.
 */
function bundledWorker(): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const url = new URL('./import-worker.js', import.meta.url);
  return fs.existsSync(url) ? url : null;
}

function useWorker(file: string): URL | null {
  const setting = process.env.FUZHI_IMPORT_WORKER; // '0' never, '1' always (tests), unset: large files
  if (setting === '0') return null;
  const url = bundledWorker();
  if (setting === '1') {
    if (!url) throw new Error('FUZHI_IMPORT_WORKER=1: no import worker beside this code (run from the bundle, bin/fuzhi)');
    return url;
  }
  if (!url) return null;
  try {
    return fs.statSync(file).size >= WORKER_MIN_BYTES ? url : null;
  } catch {
    return null; // prepareTable reports the missing file
  }
}

type Message =
  | { type: 'head'; head: PreparedHead }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end' }
  | { type: 'error'; error: TransferredError };

export async function prepareRows(opts: PrepareOptions): Promise<PreparedTable> {
  const url = useWorker(opts.file);
  if (!url) return prepareTable(opts);
  const worker = new Worker(url, { workerData: opts });
  const queue: Message[] = [];
  let waiting: (() => void) | null = null;
  let exited: Error | null = null;
  worker.on('message', (m: Message) => {
    queue.push(m);
    waiting?.();
    waiting = null;
  });
  worker.on('error', (e) => {
    exited = e;
    waiting?.();
    waiting = null;
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !exited) exited = new Error(`import worker exited with code ${code}`);
    waiting?.();
    waiting = null;
  });
  const next = async (): Promise<Message> => {
    for (;;) {
      const m = queue.shift();
      if (m) return m;
      if (exited) throw exited;
      await new Promise<void>((resolve) => (waiting = resolve));
    }
  };
  const first = await next();
  if (first.type === 'error') {
    await worker.terminate();
    throw errorFromTransfer(first.error);
  }
  if (first.type !== 'head') throw new Error(`import worker: unexpected ${first.type}`);

  async function* batches(): AsyncGenerator<PreparedBatch, void, undefined> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === 'end') return;
        if (m.type === 'error') throw errorFromTransfer(m.error);
        if (m.type !== 'batch') continue;
        yield m.batch;
        worker.postMessage({ type: 'ack' });
      }
    } finally {
      await worker.terminate();
    }
  }
  return { head: first.head, batches: batches() };
}
