// The layout cannot rot quietly (style.md, issue 9): platform is infrastructure and imports no
// capability except in server.ts, where routes are registered; capabilities depend on each other
// without cycles; and a capability reads another's tables only through that one's service — the
// few places that still reach into another capability's repository are listed here, to shrink.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..', 'src');
const CAPABILITIES = new Set(['registry', 'aid', 'dropout', 'care', 'schools', 'projects', 'indicators', 'tasks', 'cli', 'demo']);
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

interface Edge {
  file: string; // relative to src
  target: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(IMPORT)) out.push({ file: path.relative(SRC, p), target: path.relative(SRC, path.resolve(dir, m[1])) });
      }
    }
  };
  walk(SRC);
  return out;
}

const folder = (rel: string) => rel.split(path.sep)[0];
/** Wiring and test helpers may reach everywhere: the server registers routes, tests seed data. */
const wiring = (rel: string) => rel === path.join('platform', 'server.ts') || /test-|\/migrations\//.test(rel) || rel.startsWith(`db${path.sep}migrations`);

describe('layout', () => {
  const all = edges();

  it('keeps platform free of capabilities (server.ts only registers their routes)', () => {
    const bad = all.filter((e) => folder(e.file) === 'platform' && !wiring(e.file) && CAPABILITIES.has(folder(e.target)));
    expect(bad).toEqual([]);
  });

  it('has no cycle between capabilities', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      const a = folder(e.file);
      const b = folder(e.target);
      if (a === b || wiring(e.file)) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    const cycles: string[] = [];
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean => {
      for (const n of graph.get(from) ?? []) {
        if (n === to) return true;
        if (!seen.has(n)) {
          seen.add(n);
          if (reaches(n, to, seen)) return true;
        }
      }
      return false;
    };
    for (const [a, outs] of graph) for (const b of outs) if (CAPABILITIES.has(a) && CAPABILITIES.has(b) && reaches(b, a)) cycles.push(`${a} → ${b}`);
    expect(cycles).toEqual([]);
  });

  it('reads another capability only through its service, but for the known places listed', () => {
    const known = [
      'dropout/dropout.repository.ts → registry/match.repository.ts',
      'aid/student-file.service.ts → registry/student.repository.ts',
      'cli/demo.ts → registry/region.repository.ts',
      'care/care-steps.ts → dropout/import.repository.ts',
    ];
    const reaching = all
      .filter((e) => folder(e.file) !== folder(e.target) && CAPABILITIES.has(folder(e.target)) && e.target.endsWith('.repository.ts') && !wiring(e.file))
      .map((e) => `${e.file.split(path.sep).join('/')} → ${e.target.split(path.sep).join('/')}`);
    expect([...new Set(reaching)].sort()).toEqual(known.sort());
  });
});
