import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openTable } from './src/files/read-table.ts';
const spec = { kind: 's', label: 's', columns: [{ key: 'a', header: '姓名', aliases: [], required: true }] };
const count = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tmp-')).length;
let before = count();
for (let i = 0; i < 5; i++) { const t = await openTable('/tmp/fzbench/a.xlsx', spec); for await (const _ of t.rows) {} }
console.log('full reads: tmp files left', count() - before); before = count();
for (let i = 0; i < 5; i++) { const t = await openTable('/tmp/fzbench/a.xlsx', spec); for await (const _ of t.rows) break; }
console.log('early break: tmp files left', count() - before); before = count();
for (let i = 0; i < 3; i++) { try { await openTable('/tmp/fzbench/a.xlsx', { ...spec, columns: [{ key: 'a', header: 'nope', aliases: [], required: true }] }); } catch {} }
console.log('header not found: tmp files left', count() - before);
