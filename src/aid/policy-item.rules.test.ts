import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets/index.ts';
import { policySetFor, presetPolicy } from './policy.rules.ts';
import { addItem, amountHistory, itemFromInput, parseStages, retireItem, type ItemInput, type PolicyVersion } from './policy-item.rules.ts';
import { entitlementsFor } from './entitlement.rules.ts';

const input = (over: Partial<ItemInput> = {}): ItemInput => ({ code: 'bus', name: '校车费补助', kind: '补助', stages: ['小学'], per: 'year', yuan: 500, basis: '武汉 篇一：校车费补助 500 元', ...over });

describe('an item typed in the console', () => {
  it.each([
    [['学前教育', '幼儿园'], ['学前']],
    [['普通高中', '普高', '高中'], ['高中']],
    [['中等职业教育', '中专', '技校'], ['中职']],
    [['初级中学', '小学'], ['初中', '小学']],
    [['高职高专'], ['高等']],
  ])('%j is stored as %j', (spellings, stages) => {
    expect(parseStages(spellings)).toEqual(stages);
  });

  it.each<[Partial<ItemInput>, RegExp, RegExp]>([
    [{ yuan: 0 }, /必须大于 0/, /greater than 0/],
    [{ yuan: -1 }, /必须大于 0/, /greater than 0/],
    [{ yuan: null }, /请填写金额/, /required/],
    [{ shares: { 中央: 80, 省: 10 } }, /之和为 90%/, /sum to 90%/],
    [{ shares: { 中央: 80, 县: 30 } }, /之和为 110%/, /sum to 110%/],
    [{ stages: ['预科'] }, /学段“预科”无法识别/, /unknown stage "预科"/],
    [{ stages: [] }, /至少选择一个学段/, /at least one stage/],
    [{ code: 'Bus 1' }, /项目代码/, /code/],
    [{ basis: '文件' }, /政策依据/, /basis/],
  ])('%j is refused in Chinese and English', (over, zh, en) => {
    let err: { messageZh?: string; messageEn?: string } = {};
    try {
      itemFromInput(input(over));
    } catch (e) {
      err = e as typeof err;
    }
    expect(err.messageZh).toMatch(zh);
    expect(err.messageEn).toMatch(en);
  });

  it('keeps shares summing to 100 and 据实 items without an amount', () => {
    expect(itemFromInput(input({ shares: { 省: 60, 县: 40 } })).funding.shares).toEqual({ 省: 60, 县: 40 });
    expect(itemFromInput(input({ per: 'actual', yuan: null })).amount).toEqual({ per: 'actual' });
    expect(itemFromInput(input({ yuan: 512.5 })).amount).toEqual({ per: 'year', fen: 51250 });
  });
});

describe('retiring an item and its amount history', () => {
  const base = presetPolicy(PRESETS.huangmei, 2025, null);
  const student = {
    studentNo: 'G1', name: '甲', idNumber: null, schoolCode: '5134330001', schoolName: '小学', schoolType: '小学', schoolRegion: '513433100000', countyCode: '513433',
    stage: '小学', grade: '三年级', boarding: true, status: '在读', hukouRegion: '513433100201', tier: null,
    lists: [{ listKind: '低保', householdNo: 'h', memberId: 'm', householdType: null, yearIdentified: null, yearExited: null, matchStatus: 'auto' as const }],
  };

  it('a retired item pays nothing from then on but stays in the set', () => {
    const withBus = addItem(base, itemFromInput(input()));
    expect(entitlementsFor(withBus, student, { schoolYear: 2025, term: '秋季' }).entitlements.map((e) => e.itemCode)).toContain('bus');
    const retired = retireItem(withBus, 'bus', { at: '2025-10-01T00:00:00Z', by: 'county', reason: '停开校车' });
    expect(retired.items.find((i) => i.code === 'bus')?.retired?.reason).toBe('停开校车');
    expect(entitlementsFor(retired, student, { schoolYear: 2025, term: '秋季' }).entitlements.map((e) => e.itemCode)).not.toContain('bus');
    expect(() => retireItem(retired, 'bus', { at: 'x', by: 'y', reason: 'z' })).toThrow(/已于 2025-10-01 停止执行/);
  });

  it('lists each amount once, with who changed it and why', () => {
    const v = (version: number, yuan: number, actor: string, reason: string | null): PolicyVersion => ({
      version, actor, reason, at: `2025-09-0${version}`, change: '',
      policy: addItem(base, itemFromInput(input({ yuan }))),
    });
    expect(amountHistory([v(3, 600, 'b', '提标'), v(1, 500, 'a', null), v(2, 500, 'a', '改名')], 'bus')).toEqual([
      { version: 1, amount: '500 元/年', actor: 'a', at: '2025-09-01', reason: null },
      { version: 3, amount: '600 元/年', actor: 'b', at: '2025-09-03', reason: '提标' },
    ]);
  });
});

describe('the policy set that applies to a school', () => {
  const everywhere = presetPolicy(PRESETS.huangmei, 2025, null);
  const ganluo = presetPolicy(PRESETS.huangmei, 2025, '513433');
  const guiyang = presetPolicy(PRESETS.wuhan, 2025, '520102');
  const township = presetPolicy(PRESETS.rizhao, 2025, '513433100');

  it('follows the school’s region, not its code: a 513433… school registered in 贵阳 gets 贵阳’s set', () => {
    const schoolCode = '5134330009'; // reads like 甘洛县
    const region = '520102000000'; // schools.region_code says 南明区
    expect(schoolCode.startsWith(ganluo.regionCode!)).toBe(true);
    expect(policySetFor([ganluo, guiyang, everywhere], region)).toBe(guiyang);
    // and a 520102… code in 甘洛县 gets 甘洛县’s
    expect(policySetFor([guiyang, ganluo, everywhere], '513433101000')).toBe(ganluo);
  });

  it('takes the most specific region whatever the order, else the database-wide set, else none', () => {
    expect(policySetFor([everywhere, ganluo, township], '513433100201')).toBe(township);
    expect(policySetFor([everywhere, township, ganluo], '513433101000')).toBe(ganluo);
    expect(policySetFor([ganluo, everywhere], '610102000000')).toBe(everywhere);
    expect(policySetFor([ganluo, guiyang], '610102000000')).toBeUndefined();
    expect(policySetFor([ganluo], '')).toBeUndefined();
  });
});
