// Activity records through the real CLI on both dialects: `activity add` with the plan's options (two
// organisers, attendance, steps, safety) for one school alone and for a pairing (the old options still
// work), refusals (a bad organiser row, an end before the start), `activity plan ID --out` (a PDF with
// the seven sections and the text given) and `activity list` printed and written as .xlsx/.csv.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../src/db/test-databases.ts';
import { seedPlatform, SCHOOLS } from '../src/platform/test-seed.ts';
import { dbEnv, fuzhi } from './cli-helpers.ts';
import { pdfText } from './pdf-text.ts';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`activity CLI on ${dialect}`, () => {
    let t: TestDatabase;
    let env: Record<string, string | undefined>;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-activity-cli-'));
    const out = (name: string) => path.join(dir, name);
    const run = (...args: string[]) => fuzhi(args, env);

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      const database = await t.open();
      await seedPlatform(database.db);
      await database.close();
      env = { ...dbEnv(t.options), FUZHI_TODAY: '2026-05-06' };
    }, 120_000);
    afterAll(async () => {
      await t?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('logs activities with their plan, prints the plan and lists them', () => {
      const own = run('activity', 'add', '--school', SCHOOLS.a, '--type', '劳动', '--title', '我劳动我快乐', '--start', '2026-04-30 14:30', '--end', '2026-04-30 17:30', '--goal', '养成爱劳动的习惯',
        '--place', '劳动实践基地', '--organiser', '颜德兵|总指挥|统筹安排', '--organiser', '汪坤|副组长|安全保障', '--participants', '六年级学生', '--expected', '45', '--present', '43',
        '--arrangements', '集合点名', '--safety', '校医随队', '--summary', '学生体验了劳动的快乐');
      expect(own.code, own.stderr).toBe(0);
      expect(own.json).toMatchObject({ ok: true, activity: 1, school: SCHOOLS.a, type: '劳动教育', pairing: null });
      expect(run('pairing', 'add', '--helper', SCHOOLS.a, '--helped', SCHOOLS.b, '--since', '2025-09-01').json).toMatchObject({ pairing: 1 });
      expect(run('activity', 'add', '--pairing', '1', '--type', '联合教研', '--date', '2026-03-12', '--title', '语文联合教研').json).toMatchObject({ ok: true, activity: 2, school: SCHOOLS.b });
      const badOrganiser = run('activity', 'add', '--school', SCHOOLS.a, '--type', '家访', '--date', '2026-04-01', '--title', 'x', '--organiser', '颜德兵');
      expect(badOrganiser.code).toBe(2);
      expect(badOrganiser.stderr).toMatch(/人员\|职务\|职责/);
      const backwards = run('activity', 'add', '--school', SCHOOLS.a, '--type', '家访', '--start', '2026-04-01 10:00', '--end', '2026-03-01', '--title', 'x');
      expect(backwards.code).toBe(2);
      expect(backwards.stderr).toMatch(/早于开始时间/);

      const plan = run('activity', 'plan', '1', '--out', out('plan.pdf'));
      expect(plan.code, plan.stderr).toBe(0);
      const text = pdfText(fs.readFileSync(out('plan.pdf'))).join('\n');
      for (const s of ['我劳动我快乐活动方案', '一、活动目标', '六、安全保障与应急预案', '七、活动总结', '总指挥：颜德兵——统筹安排', '副组长：汪坤——安全保障', '应到 45 人，实到 43 人（出勤率 95.6%）', '学生体验了劳动的快乐']) expect(text).toContain(s);
      expect(run('activity', 'plan', '9', '--out', out('none.pdf')).code).toBe(1);
      expect(fs.existsSync(out('none.pdf'))).toBe(false);

      expect(run('activity', 'list').json).toMatchObject({ total: 2, items: [{ id: 1, type: '劳动教育' }, { id: 2, type: '联合教研', pairing: 1 }] });
      expect(run('activity', 'list', '--type', '教研').json).toMatchObject({ total: 1 });
      const csv = run('activity', 'list', '--out', out('list.csv'));
      expect(csv.json).toMatchObject({ rows: 2 });
      const lines = fs.readFileSync(out('list.csv'), 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
      expect(lines[0]).toContain('活动编号,活动类型,活动名称');
      expect(lines.find((l) => l.includes('我劳动我快乐'))).toContain('颜德兵（总指挥）、汪坤（副组长）');
    }, 120_000);
  });
}
