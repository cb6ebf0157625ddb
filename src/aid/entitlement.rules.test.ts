// Table-driven tests of the entitlement rules: each row is a case a county aid officer would
// recognise, with the seed passage the expected amount comes from.
import { describe, expect, it } from 'vitest';
import { entitlementsFor, type AidMembership, type AidStudent, type TermContext } from './entitlement.rules.ts';
import { presetPolicy, setItemAmount, setItemSchools } from './policy.rules.ts';
import { PRESETS } from './presets/index.ts';
import { validatePolicySet } from './policy.rules.ts';

const Y = 2025;
const POOR: AidMembership = { listKind: '建档立卡', householdType: '未脱贫户', yearIdentified: 2014, yearExited: null };
const exited = (year: number): AidMembership => ({ listKind: '建档立卡', householdType: '脱贫户', yearIdentified: 2014, yearExited: year });
const DIBAO: AidMembership = { listKind: '低保', householdType: null, yearIdentified: null, yearExited: null };

function student(stage: string, grade: string, boarding: boolean, lists: AidMembership[], extra: Partial<AidStudent> = {}): AidStudent {
  return {
    studentNo: 'G513433201001010011', name: '张三', schoolCode: '2151000001', schoolName: '示范学校', schoolType: '小学',
    schoolRegion: '421127100000', countyCode: '421127', stage, grade, boarding, status: '在读', hukouRegion: '421127100200',
    lists, ...extra,
  };
}

/** Cash amounts in yuan by item code for one student and term. */
function cash(preset: string, s: AidStudent, ctx: Partial<TermContext> = {}, policy = presetPolicy(PRESETS[preset], Y)): Record<string, number> {
  const r = entitlementsFor(policy, s, { schoolYear: Y, term: '秋季', ...ctx });
  return Object.fromEntries(r.entitlements.filter((e) => e.cash).map((e) => [e.itemCode, e.amountFen! / 100]));
}

interface Case { name: string; preset: string; s: AidStudent; term?: '秋季' | '春季'; expect: Record<string, number>; source: string }

const CASES: Case[] = [
  // 黄梅 (seed 000 篇二)
  { name: '黄梅 学前 建档立卡', preset: 'huangmei', s: student('学前', '中班', false, [POOR]), expect: { 'huangmei-preschool': 500 }, source: '000 篇二 二(一)1 每人每年1000元' },
  { name: '黄梅 小学寄宿生', preset: 'huangmei', s: student('小学', '三年级', true, [POOR]), expect: { 'huangmei-primary-boarding': 500 }, source: '000 篇二 二(一)2 小学生每人每年1000元' },
  { name: '黄梅 初中寄宿生', preset: 'huangmei', s: student('初中', '初二', true, [POOR]), expect: { 'huangmei-junior-boarding': 625 }, source: '000 篇二 二(一)2 初中生每人每年1250元' },
  { name: '黄梅 初中寄宿生 春季', preset: 'huangmei', s: student('初中', '八年级', true, [POOR]), term: '春季', expect: { 'huangmei-junior-boarding': 625 }, source: '000 篇二 二(一)2' },
  { name: '黄梅 小学走读生 0', preset: 'huangmei', s: student('小学', '三年级', false, [POOR]), expect: {}, source: '000 篇二 二(一)2 仅寄宿生' },
  { name: '黄梅 初中走读生 0', preset: 'huangmei', s: student('初中', '初一', false, [POOR]), expect: {}, source: '000 篇二 二(一)2 仅寄宿生' },
  { name: '黄梅 高中 只登记雨露计划/贷款', preset: 'huangmei', s: student('高中', '高一', true, [POOR]), expect: {}, source: '000 篇二 二(一)3 宣传' },
  { name: '黄梅 不在名单', preset: 'huangmei', s: student('初中', '初二', true, []), expect: {}, source: '000 篇二 救助对象为建档立卡' },
  { name: '黄梅 进城务工子女同等', preset: 'huangmei', s: student('小学', '五年级', true, [POOR], { schoolRegion: '420102000000' }), expect: { 'huangmei-primary-boarding': 500 }, source: '000 篇二 二(一)2 进城务工同等' },
  { name: '黄梅 脱贫户 同一学段继续享受', preset: 'huangmei', s: student('初中', '初三', true, [exited(2023)]), expect: { 'huangmei-junior-boarding': 625 }, source: '000 篇二 二(一) 同一学段可继续享受' },
  { name: '黄梅 脱贫户 已升入新学段', preset: 'huangmei', s: student('初中', '初一', true, [exited(2023)]), expect: {}, source: '000 篇二 二(一) 同一学段' },
  { name: '黄梅 返贫户 及时纳入', preset: 'huangmei', s: student('初中', '初一', true, [{ ...exited(2019), householdType: '返贫户' }]), expect: { 'huangmei-junior-boarding': 625 }, source: '000 篇二 二(一) 返贫及时纳入' },
  { name: '黄梅 监测户 及时纳入', preset: 'huangmei', s: student('小学', '一年级', true, [{ ...exited(2019), householdType: '脱贫不稳定户' }]), expect: { 'huangmei-primary-boarding': 500 }, source: 'domain §1 新纳入监测即纳入' },
  { name: '黄梅 多名单只发一次', preset: 'huangmei', s: student('初中', '初二', true, [POOR, DIBAO]), expect: { 'huangmei-junior-boarding': 625 }, source: 'issue 4 一项一次' },
  { name: '黄梅 休学不发', preset: 'huangmei', s: student('初中', '初二', true, [POOR], { status: '休学' }), expect: {}, source: 'issue 4 学籍状态 在读' },
  // 武汉 (seed 000 篇一)
  { name: '武汉 小学', preset: 'wuhan', s: student('小学', '二年级', false, [POOR]), expect: { 'wuhan-primary-living': 500 }, source: '000 篇一 三(一) 小学1000' },
  { name: '武汉 初中', preset: 'wuhan', s: student('初中', '初一', false, [POOR]), expect: { 'wuhan-junior-living': 625 }, source: '000 篇一 三(一) 初中1250' },
  { name: '武汉 高中', preset: 'wuhan', s: student('高中', '高二', false, [POOR]), expect: { 'wuhan-senior-grant': 1250 }, source: '000 篇一 三(一) 国家助学金2500' },
  { name: '武汉 高等', preset: 'wuhan', s: student('高等', '一年级', false, [POOR]), expect: { 'wuhan-higher-aid': 5000 }, source: '000 篇一 三(一) 本专科10000' },
  { name: '武汉 学前 待填写不发', preset: 'wuhan', s: student('学前', '大班', false, [POOR]), expect: {}, source: '000 篇一 三(一) 20xx元' },
  { name: '武汉 中职 待填写不发', preset: 'wuhan', s: student('中职', '一年级', false, [POOR]), expect: {}, source: '000 篇一 三(一) 20xx元' },
  // 日照 (seed 002 篇6)
  { name: '日照 小学', preset: 'rizhao', s: student('小学', '四年级', false, [POOR]), expect: { 'rizhao-compulsory-living': 1500 }, source: '002 篇6 义务教育3000' },
  { name: '日照 初中寄宿 (寄宿补助待填写)', preset: 'rizhao', s: student('初中', '初一', true, [POOR]), expect: { 'rizhao-compulsory-living': 1500 }, source: '002 篇6 义务教育3000' },
  { name: '日照 高中', preset: 'rizhao', s: student('高中', '高一', false, [POOR]), expect: { 'rizhao-secondary-living': 1500 }, source: '002 篇6 高中及中职3000' },
  { name: '日照 中职', preset: 'rizhao', s: student('中职', '二年级', false, [POOR]), expect: { 'rizhao-secondary-living': 1500 }, source: '002 篇6 高中及中职3000' },
  { name: '日照 高等', preset: 'rizhao', s: student('高等', '一年级', false, [POOR]), expect: { 'rizhao-higher-living': 3000 }, source: '002 篇6 高等生活费6000' },
  { name: '日照 学前 (助学金待填写)', preset: 'rizhao', s: student('学前', '小班', false, [POOR]), expect: {}, source: '002 篇6 免保教费, 助学金未写金额' },
  // 定西 (seed 004 篇3)
  { name: '定西 学前 本地', preset: 'dingxi', s: student('学前', '小班', false, [POOR]), expect: { 'dingxi-preschool-fees': 500 }, source: '004 篇3 二(一)2 1000 在当地' },
  { name: '定西 学前 外地就读不发', preset: 'dingxi', s: student('学前', '小班', false, [POOR], { hukouRegion: '621102000000' }), expect: {}, source: '004 篇3 二(一)2 在当地' },
  { name: '定西 高中', preset: 'dingxi', s: student('高中', '高三', false, [POOR]), expect: { 'dingxi-senior-grant': 750 }, source: '004 篇3 二(一)4 1500' },
  { name: '定西 中职', preset: 'dingxi', s: student('中职', '一年级', false, [POOR]), expect: { 'dingxi-vocational-grant': 1000 }, source: '004 篇3 二(一)4 2000' },
  // 学段 as real 学籍 exports spell it, stored before it was made canonical (kernel/stage.ts)
  { name: '黄梅 学前教育', preset: 'huangmei', s: student('学前教育', '中班', false, [POOR]), expect: { 'huangmei-preschool': 500 }, source: '000 篇二 二(一)1' },
  { name: '武汉 普通高中', preset: 'wuhan', s: student('普通高中', '高二', false, [POOR]), expect: { 'wuhan-senior-grant': 1250 }, source: '000 篇一 三(一) 国家助学金2500' },
  { name: '日照 中等职业教育', preset: 'rizhao', s: student('中等职业教育', '二年级', false, [POOR]), expect: { 'rizhao-secondary-living': 1500 }, source: '002 篇6 高中及中职3000' },
  { name: '定西 职高', preset: 'dingxi', s: student('职高', '一年级', false, [POOR]), expect: { 'dingxi-vocational-grant': 1000 }, source: '004 篇3 二(一)4 2000' },
  { name: '黄梅 脱贫户 学前教育 同一学段', preset: 'huangmei', s: student('幼儿园', '大班', false, [exited(2023)]), expect: { 'huangmei-preschool': 500 }, source: '000 篇二 二(一) 同一学段' },
  { name: '定西 小学寄宿 (待填写)', preset: 'dingxi', s: student('小学', '一年级', true, [POOR]), expect: {}, source: '004 篇3 未写寄宿补助金额' },
];

describe('entitlements by preset (table)', () => {
  for (const c of CASES) {
    it(`${c.name} — ${c.source}`, () => {
      expect(cash(c.preset, c.s, { term: c.term ?? '秋季' })).toEqual(c.expect);
    });
  }
});

describe('entitlement details', () => {
  it('writes a reason a person can read', () => {
    const r = entitlementsFor(presetPolicy(PRESETS.huangmei, Y), student('初中', '初三', true, [exited(2023)]), { schoolYear: Y, term: '秋季' });
    const e = r.entitlements.find((x) => x.itemCode === 'huangmei-junior-boarding')!;
    expect(e.reason).toBe('初中寄宿生, 脱贫户, 同一学段继续享受 → 初中寄宿生生活补助 625 元/学期');
    expect(e.basis).toContain('黄梅县某乡《教育精准扶贫工作方案》二(一)2：“');
  });

  it('reports 待填写 items as pending and pays them once an amount is set', () => {
    const s = student('学前', '大班', false, [POOR]);
    const policy = presetPolicy(PRESETS.wuhan, Y);
    const before = entitlementsFor(policy, s, { schoolYear: Y, term: '秋季' });
    expect(before.pending).toContainEqual({ studentNo: s.studentNo, itemCode: 'wuhan-preschool-living', reason: '金额待填写' });
    expect(before.entitlements.filter((e) => e.cash)).toEqual([]);
    expect(cash('wuhan', s, {}, setItemAmount(policy, 'wuhan-preschool-living', 200000))).toEqual({ 'wuhan-preschool-living': 1000 });
  });

  it('pays the school-bus subsidy only at the listed schools', () => {
    const s = student('小学', '二年级', false, [POOR]);
    const policy = setItemSchools(presetPolicy(PRESETS.wuhan, Y), '校车费补助', ['2151000001']);
    expect(cash('wuhan', s, {}, policy)).toEqual({ 'wuhan-primary-living': 500, 'wuhan-school-bus': 250 });
    expect(cash('wuhan', { ...s, schoolCode: '2151000002' }, {}, policy)).toEqual({ 'wuhan-primary-living': 500 });
  });

  it('has the home county pay an out-of-area student under 日照 rules', () => {
    const s = student('小学', '四年级', false, [POOR], { hukouRegion: '371122000000', schoolRegion: '371102000000' });
    const r = entitlementsFor(presetPolicy(PRESETS.rizhao, Y), s, { schoolYear: Y, term: '秋季' });
    const e = r.entitlements.find((x) => x.itemCode === 'rizhao-compulsory-living')!;
    expect(e.payerCounty).toBe('371122');
    expect(e.reason).toContain('外地就读由生源地发放');
  });

  it('keeps funding shares (定西 省:县 = 6:4)', () => {
    const r = entitlementsFor(presetPolicy(PRESETS.dingxi, Y), student('学前', '小班', false, [POOR]), { schoolYear: Y, term: '秋季' });
    expect(r.entitlements[0].shares).toEqual({ 省: 60, 县: 40 });
  });

  it('pays a recognised 特别困难 student not on any list', () => {
    expect(cash('huangmei', student('初中', '初二', true, [], { tier: '特别困难' }))).toEqual({ 'huangmei-junior-boarding': 625 });
    expect(cash('huangmei', student('初中', '初二', true, [], { tier: '一般困难' }))).toEqual({});
  });

  it('pays per school day and one-off items (营养改善计划, 三明 应急救助)', () => {
    const policy = validatePolicySet({
      name: 't', schoolYear: Y,
      items: [
        { code: 'meal', name: '营养膳食补助', kind: '补助', stages: ['小学'], amount: { per: 'day', fen: 300 }, basis: 'domain §2 营养改善计划 3 元/天' },
        { code: 'covid', name: '临时生活补助', kind: '应急救助', stages: ['小学'], amount: { per: 'once', fen: null }, funding: { source: '学生资助基金', shares: {} }, basis: '三明市教育局《2020年三明市教育脱贫攻坚工作要点》一、2' },
      ],
    });
    const s = student('小学', '二年级', false, [POOR]);
    expect(entitlementsFor(policy, s, { schoolYear: Y, term: '秋季' }).pending.map((p) => p.reason)).toEqual(['在校天数待录入']);
    const r = entitlementsFor(policy, student('小学', '二年级', false, []), { schoolYear: Y, term: '秋季', daysAttended: 95, emergencies: [{ itemCode: 'covid', fen: 80000, reason: '受新冠肺炎疫情影响' }] });
    expect(r.entitlements.map((e) => [e.itemCode, e.amountFen, e.fundSource])).toEqual([['covid', 80000, '学生资助基金']]);
    const r2 = entitlementsFor(policy, s, { schoolYear: Y, term: '秋季', daysAttended: 95 });
    expect(r2.entitlements[0].amountFen).toBe(28500);
  });

  it('refuses funding shares that do not sum to 100', () => {
    expect(() => validatePolicySet({ name: 't', schoolYear: Y, items: [{ code: 'x', name: 'x', kind: '补助', stages: ['小学'], amount: { per: 'year', fen: 1 }, funding: { source: '财政资金', shares: { 省: 50 } }, basis: 'test basis' }] })).toThrow(/100/);
  });
});
