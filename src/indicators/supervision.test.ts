// Supervision on both dialects: 一次通报、二次约谈、三次问责 on the same matter about the same school
// (a different matter or school starts again), the county self-check and city re-check, the ledger.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import { parseCsv } from '../demo/testkit.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { cliActor } from '../platform/scope.ts';
import { listSupervision, recordCheck, recordFinding } from './supervision-steps.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-sup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const actor = cliActor();
const S1 = '2151343301';
const S2 = '2151343302';

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`supervision records on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    const find = (subject: string, matter: string, date: string) => recordFinding(database, actor, '2026-03-10', { subject, matter, date, finding: '抽查发现', schoolYear: 2025 });
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const at = '2025-01-01T00:00:00.000Z';
      const school = (code: string, name: string, region_code: string) => ({ code, name, region_code, county_code: '513433', school_type: '小学', urban_rural: '乡村', row_hash: 'x', rev: 1, created_at: at, updated_at: at });
      await database.db.insertInto('schools').values([school(S1, '甘洛县新市坝镇中心小学', '513433101000'), school(S2, '甘洛县田坝镇小学', '513433102000')]).execute();
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    it('escalates the same matter: 通报, then 约谈, then 问责; another matter or school starts again', async () => {
      expect(await find(S1, '控辍保学台账不全', '2025-10-10')).toMatchObject({ level: '通报', times: 1, name: '甘洛县新市坝镇中心小学' });
      expect(await find(S1, '控辍保学 台账不全。', '2025-11-10')).toMatchObject({ level: '约谈', times: 2 });
      expect(await find(S1, '资助公示未张贴', '2025-11-12')).toMatchObject({ level: '通报' });
      expect(await find(S2, '控辍保学台账不全', '2025-11-12')).toMatchObject({ level: '通报' });
      expect(await find(S1, '控辍保学台账不全', '2025-12-10')).toMatchObject({ level: '问责', times: 3 });
      expect(await find(S1, '控辍保学台账不全', '2026-01-10')).toMatchObject({ level: '问责', times: 4 });
      expect(await find('513433101', '走访不到位', '2026-01-11')).toMatchObject({ level: '通报', name: '行政区划 513433101' });
    });

    it('refuses an unknown subject, a bad code and a date after today', async () => {
      await expect(find('2151343399', '事项', '2025-10-10')).rejects.toMatchObject({ status: 404 });
      await expect(find('21513433', '事项', '2025-10-10')).rejects.toMatchObject({ exitCode: 2 });
      await expect(find(S1, '事项', '2026-03-11')).rejects.toBeInstanceOf(FuzhiError);
    });

    it('keeps self-checks and re-checks and lists every record', async () => {
      await recordCheck(database, actor, '2026-03-10', { kind: '县级自查', subject: '513433', date: '2026-01-15', result: '整改', finding: '2所学校台账不全，限期整改', schoolYear: 2025 });
      await recordCheck(database, actor, '2026-03-10', { kind: '市级复查', subject: '513433', date: '2026-03-01', result: '合格', finding: '整改到位', schoolYear: 2025 });
      await expect(recordCheck(database, actor, '2026-03-10', { kind: '省级抽查', subject: '513433', date: '2026-03-01', result: '合格', finding: 'x', schoolYear: 2025 })).rejects.toMatchObject({ exitCode: 2 });
      const out = path.join(dir, `${dialect}-sup.csv`);
      expect(await listSupervision(database, { out, schoolYear: 2025, actor })).toMatchObject({ rows: 9, 通报: 4, 约谈: 1, 问责: 2, 县级自查: 1, 市级复查: 1 });
      const [header, ...rows] = parseCsv(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n'));
      expect(header.slice(0, 6)).toEqual(['编号', '学年', '对象代码', '对象', '类别', '事项']);
      expect(rows.filter((r) => r[2] === S1 && r[5].startsWith('控辍保学')).map((r) => r[4])).toEqual(['通报', '约谈', '问责', '问责']);
    });
  });
}
