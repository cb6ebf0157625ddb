// The proposed pairs of a full comparison, written out county by county as they are settled, so
// that a run holds one county's pairs at a time instead of the city's (issue 11: memory follows the
// largest county). A private temporary file (mode 0600, removed when the run ends, also on
// failure): the pairs carry names and masked ID numbers in their 依据, like the database they go to.
// Read back twice by the final step: once to count auto pairs per student, once to write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { ProposedPair } from './match-people.ts';

/** Where final pairs come from: arrays in memory (an incremental run), or a spool (a full one). */
export interface PairSource {
  /** The pairs in chunks, in the order they were proposed; may be called more than once. */
  chunks(): AsyncIterable<ProposedPair[]>;
}

export function pairsInMemory(...lists: ProposedPair[][]): PairSource {
  return {
    chunks() {
      return (async function* () {
        for (const list of lists) if (list.length > 0) yield await Promise.resolve(list);
      })();
    },
  };
}

type SpooledPair = [string, string, string, string, string, string, number, 'auto' | 'review', string];

export class PairSpool implements PairSource {
  private readonly dir: string;
  /** The spool file (for tests and traces). */
  readonly file: string;
  private fd: number | null;
  count = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-match-'));
    this.file = path.join(this.dir, 'pairs.ndjson');
    this.fd = fs.openSync(this.file, 'w', 0o600);
  }

  /** Appends settled pairs (one county's) to the file. */
  add(pairs: readonly ProposedPair[]): void {
    if (this.fd === null) throw new Error('pair spool closed for writing');
    const lines: string[] = [];
    for (const p of pairs) {
      const row: SpooledPair = [p.studentNo, p.memberId, p.listKind, p.household, p.county, p.method, p.confidence, p.status, p.basis];
      lines.push(JSON.stringify(row));
    }
    if (lines.length > 0) fs.writeSync(this.fd, `${lines.join('\n')}\n`);
    this.count += pairs.length;
  }

  async *chunks(size = 5000): AsyncIterable<ProposedPair[]> {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    const lines = readline.createInterface({ input: fs.createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let chunk: ProposedPair[] = [];
    for await (const line of lines) {
      if (line === '') continue;
      const [studentNo, memberId, listKind, household, county, method, confidence, status, basis] = JSON.parse(line) as SpooledPair;
      chunk.push({ studentIndex: -1, studentNo, memberId, listKind, household, county, method, confidence, status, basis });
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  /** Removes the file; safe to call more than once. */
  dispose(): void {
    if (this.fd !== null) {
      fs.closeSync(this.fd);
      this.fd = null;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
