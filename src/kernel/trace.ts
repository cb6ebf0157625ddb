// FUZHI_TRACE=1 prints where the time of a long command goes (stage, milliseconds since the
// process started, heap) to stderr: for the benchmark notes, never part of an output format.
import { threadId } from 'node:worker_threads';

const on = process.env.FUZHI_TRACE === '1';

export function trace(stage: string): void {
  if (!on) return;
  const ms = performance.now().toFixed(0);
  const heap = (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0);
  process.stderr.write(`[trace t${threadId}] ${ms.padStart(6)} ms  ${stage}  (heap ${heap} MiB)\n`);
}
