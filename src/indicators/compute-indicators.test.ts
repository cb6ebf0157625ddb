// The computed indicators that read other capabilities through their use cases, on both dialects:
// aid coverage counts paid entitlements of the terms that have begun; entered values keep history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, dialectAvailable, DIALECTS, type TestDatabase } from '../db/test-databases.ts';
import { cliActor } from '../platform/scope.ts';
import { computeIndicators, setIndicator } from './compute-indicators.ts';

const entitlement = (student: string, term: string) => ({
  id: `2025|${term}|${student}|x-boarding`, county_code: '513433', school_year: 2025, term, student_no: student, name: '学生', school_code: '2151343301',
  school_name: '甘洛县新市坝镇中心小学', stage: '小学', grade: '四年级', item_code: 'x-boarding', item_name: '寄宿生生活补助', kind: '补助', amount_fen: 50000,
  cash: 1, fund_source: '财政资金', shares_json: '{}', payer_county: '513433', reason: '建档立卡', basis: '依据', status: 'active', stop_reason: null,
  computed_at: '2025-09-10T00:00:00.000Z', updated_at: '2025-09-10T00:00:00.000Z',
});
const batchRow = (e: ReturnType<typeof entitlement>, seq: number, pay_status: string) => ({
  batch_id: 1, seq, entitlement_id: e.id, pay_key: e.id, county_code: e.county_code, payer_county: e.payer_county, student_no: e.student_no, name: e.name,
  school_code: e.school_code, school_name: e.school_name, stage: e.stage, grade: e.grade, item_code: e.item_code, item_name: e.item_name, amount_fen: 50000,
  fund_source: e.fund_source, shares_json: '{}', pay_status, fail_reason: null, paid_at: pay_status === '已发放' ? '2025-10-20' : null,
});

for (const dialect of DIALECTS) {
  describe.skipIf(!(await dialectAvailable(dialect)))(`computed indicators on ${dialect}`, () => {
    let t: TestDatabase;
    let database: Database;
    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      database = await t.open();
      const autumn = ['G1', 'G2', 'G3', 'G4'].map((s) => entitlement(s, '秋季'));
      const spring = ['G1', 'G2'].map((s) => entitlement(s, '春季'));
      await database.db.insertInto('aid_entitlements').values([...autumn, ...spring]).execute();
      await database.db.insertInto('aid_batch_rows').values([batchRow(autumn[0], 1, '已发放'), batchRow(autumn[1], 2, '已发放'), batchRow(autumn[2], 3, '待发放'), batchRow(spring[0], 4, '已发放')]).execute();
    });
    afterAll(async () => {
      await database.close();
      await t.drop();
    });

    const aid = async (today: string) => (await computeIndicators(database, { schoolYear: 2025, actor: cliActor(), today })).find((r) => r.def.code === 'aid-coverage')!;

    it.each([
      ['2025-12-01', 2, 4, 50, '否'], // autumn only: 2 of 4 paid
      ['2026-03-10', 3, 6, 50, '否'], // spring begun: 3 of 6
    ])('on %s: %i of %i paid', async (today, numerator, denominator, pct, verdict) => {
      const r = await aid(today);
      expect(r.fraction).toEqual({ numerator, denominator });
      expect(r.actual).toBe(pct);
      expect(r.verdict).toBe(verdict);
    });

    it('uses the latest entered value, naming its evidence, who and when', async () => {
      await setIndicator(database, cliActor(), { indicator: 'student-learning-space', value: '55', evidence: '人人通平台2025年12月统计', schoolYear: 2025 });
      await setIndicator(database, cliActor(), { indicator: 'student-learning-space', value: '61.5', evidence: '人人通平台2026年3月统计', schoolYear: 2025 });
      const r = (await computeIndicators(database, { schoolYear: 2025, actor: cliActor(), today: '2026-03-10' })).find((x) => x.def.code === 'student-learning-space')!;
      expect(r.actual).toBe(61.5);
      expect(r.verdict).toBe('是');
      expect(r.dataSource).toMatch(/^人工填报：人人通平台2026年3月统计（cli/);
      expect(await database.db.selectFrom('indicator_values').select('value').execute()).toHaveLength(2); // history kept
      const other = (await computeIndicators(database, { schoolYear: 2024, actor: cliActor(), today: '2026-03-10' })).find((x) => x.def.code === 'student-learning-space')!;
      expect(other.verdict).toBe('未填报');
    });
  });
}
