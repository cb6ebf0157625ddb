// Where a worker thread's code is: beside the running code when Fuzhi runs from its bundle
// (bin/fuzhi builds dist/cli/<stamp>/<name>.js). From the TypeScript sources (tests, tsx) there is
// none, and the work is done in the calling thread.
import fs from 'node:fs';

export function bundledWorker(name: string): URL | null {
  if (!import.meta.url.endsWith('.js')) return null;
  const url = new URL(`./${name}.js`, import.meta.url);
  return fs.existsSync(url) ? url : null;
}
