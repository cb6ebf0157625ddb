// A progress bar on a terminal (stderr), silent when output is piped or in CI logs.
import cliProgress from 'cli-progress';
import { reportJobProgress } from './job-reporter.ts';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string): Progress {
  // a command run as the server's job reports to its row instead
  if (!process.stderr.isTTY) return { update: (done, total) => reportJobProgress(done, total, label), stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
