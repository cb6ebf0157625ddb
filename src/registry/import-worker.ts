// Worker thread of an import: reads and prepares the rows (import-rows.ts) while the importing
// thread writes them. Sends the head, then batches; waits for acknowledgements so that no more
// than a few batches are ever in flight (memory stays flat on a file of any size).
import { parentPort, workerData } from 'node:worker_threads';
import { errorToTransfer } from '../kernel/errors.ts';
import { prepareTable, type PrepareOptions } from './import-rows.ts';
import { trace } from '../kernel/trace.ts';

const port = parentPort!;
const MAX_IN_FLIGHT = 4;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { type: string }) => {
  if (m.type === 'ack') {
    inFlight--;
    wake?.();
    wake = null;
  }
});

try {
  const prepared = await prepareTable(workerData as PrepareOptions);
  port.postMessage({ type: 'head', head: prepared.head });
  for await (const batch of prepared.batches) {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    port.postMessage({ type: 'batch', batch });
  }
  trace('import worker: all rows prepared');
  port.postMessage({ type: 'end' });
} catch (e) {
  port.postMessage({ type: 'error', error: errorToTransfer(e) });
}
port.close();
