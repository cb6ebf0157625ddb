// Worker thread of a match (match-pool.ts): opens its own read connection, builds the city's open
// index once from what it was given, then compares the counties it is handed one at a time (their
// pairs, and the open members' candidates among their closed students) and sends the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../db/database.ts';
import { errorToTransfer } from '../kernel/errors.ts';
import { OpenScan } from './match-blocking.rules.ts';
import { cityIndex, countyInWorker } from './match-counties.ts';
import type { CountyTask, MatchWorkerData, WorkerMessage } from './match-pool.ts';

const port = parentPort!;
const data = workerData as MatchWorkerData;
const reader = openReader(data.connection);
const city = cityIndex(data.facts);
const open = new OpenScan(data.facts.openMembers, city.openIndex);
const scan = open.scan.bind(open);

port.on('message', (task: CountyTask) => {
  void (async () => {
    if (task.type === 'end') {
      await reader.close().catch(() => undefined);
      port.close();
      return;
    }
    try {
      const { result, hits } = await countyInWorker(reader, city, scan, task.county);
      port.postMessage({ type: 'county', n: task.n, result, hits } satisfies WorkerMessage);
    } catch (e) {
      port.postMessage({ type: 'error', error: errorToTransfer(e) } satisfies WorkerMessage);
    }
  })();
});
