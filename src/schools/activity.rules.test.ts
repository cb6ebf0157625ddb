// Activity rules: types under their common spellings, start/end as people write them, organiser rows,
// what is refused (unknown type, end before start, a summary or attendance before the day), the seven
// sections of the plan, and attachments told by their content, not their name.
import { describe, expect, it } from 'vitest';
import { ACTIVITY_ALIASES, attendanceRate, canonicalKind, checkActivity, checkAttachment, organiserOf, parseDateTime, planSections, type PlanActivity } from './activity.rules.ts';
import { ACTIVITY_KINDS } from './pairing.rules.ts';

describe('activity types', () => {
  it('reads the common spellings as the canonical type', () => {
    expect(canonicalKind('联合教研会议')).toBe('联合教研');
    expect(canonicalKind(' 送教下乡 ')).toBe('送课下乡');
    expect(canonicalKind('听评课')).toBe('听课评课');
    expect(canonicalKind('挂职锻炼')).toBe('挂职');
    expect(canonicalKind('安全教育课')).toBe('安全教育');
    expect(canonicalKind('入户家访')).toBe('家访');
    expect(canonicalKind('文艺晚会')).toBe('文体活动');
    expect(canonicalKind('劳动教育')).toBe('劳动教育');
    expect(canonicalKind('喝茶')).toBeNull();
    expect(canonicalKind('')).toBeNull();
  });
  it('gives no spelling to two types', () => {
    const all = ACTIVITY_KINDS.flatMap((k) => [k, ...ACTIVITY_ALIASES[k]]);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('start and end', () => {
  it('reads dates and times as written', () => {
    expect(parseDateTime('2026-04-30 14:30')).toEqual({ day: '2026-04-30', time: '14:30' });
    expect(parseDateTime('2026/4/30 9:05')).toEqual({ day: '2026-04-30', time: '09:05' });
    expect(parseDateTime('2026年4月30日')).toEqual({ day: '2026-04-30', time: null });
    expect(parseDateTime('2026-04-30T14:30')).toEqual({ day: '2026-04-30', time: '14:30' });
    expect(parseDateTime('2026-02-30')).toBeNull();
    expect(parseDateTime('2026-04-30 25:00')).toBeNull();
    expect(parseDateTime('下午')).toBeNull();
  });
});

describe('checkActivity', () => {
  const base = { type: '劳动', title: '我劳动我快乐', start: '2026-04-30 14:30', end: '2026-04-30 17:30' };
  it('accepts a plan and gives its canonical type, day and times', () => {
    const r = checkActivity(base, '2026-05-02');
    expect(r.problems).toEqual([]);
    expect(r.checked).toEqual({ kind: '劳动教育', date: '2026-04-30', startAt: '2026-04-30 14:30', endAt: '2026-04-30 17:30' });
  });
  it('names what is wrong, in both languages', () => {
    const r = checkActivity({ ...base, type: '喝茶', end: '2026-04-30 08:00' }, '2026-05-02');
    expect(r.checked).toBeNull();
    expect(r.problems.map((p) => p.field)).toEqual(['type', 'end']);
    expect(r.problems[1].zh).toMatch(/早于开始时间/);
    expect(r.problems[1].en).toMatch(/before the start/);
  });
  it('refuses a summary or attendance before the activity took place', () => {
    expect(checkActivity({ ...base, summary: '很好' }, '2026-04-01').problems.map((p) => p.field)).toEqual(['summary']);
    expect(checkActivity({ ...base, present: 40 }, '2026-04-01').problems.map((p) => p.field)).toEqual(['present']);
    expect(checkActivity({ ...base, expected: -1 }, '2026-05-02').problems.map((p) => p.field)).toEqual(['expected']);
  });
  it('needs a person and a duty on every organiser row', () => {
    const r = checkActivity({ ...base, organisers: [{ person: '颜德兵', role: '组长', duty: '统筹' }, { person: '', role: '成员', duty: '安全' }] }, '2026-05-02');
    expect(r.problems).toEqual([{ field: 'organisers[1]', zh: '组织机构第 2 行须填写人员和职责', en: 'organiser row 2 needs a person and a duty' }]);
  });
  it('reads an organiser from the command line as person|role|duty', () => {
    expect(organiserOf('汪坤|副组长|负责安全')).toEqual({ person: '汪坤', role: '副组长', duty: '负责安全' });
    expect(organiserOf('汪坤|副组长')).toBeNull();
  });
});

describe('planSections', () => {
  const plan: PlanActivity = {
    title: '五一安全教育', kind: '安全教育', schoolName: '城关小学', pairingName: null, goal: '增强自我保护意识\n热爱劳动', startAt: '2026-04-30 09:00', endAt: null, place: '各班教室',
    organisers: [{ person: '颜德兵', role: '组长', duty: '统筹' }], participants: '全体幼儿', expected: 30, present: 28, arrangements: null, safety: '班主任负责', summary: null,
  };
  it('gives the seven sections in order with what was entered and marks what is missing', () => {
    const s = planSections(plan);
    expect(s.map((x) => x.heading)).toEqual(['一、活动目标', '二、时间地点', '三、组织机构及职责', '四、参加人员', '五、活动安排', '六、安全保障与应急预案', '七、活动总结']);
    expect(s[0].lines).toEqual(['增强自我保护意识', '热爱劳动']);
    expect(s[1].lines).toEqual(['时间：2026-04-30 09:00', '地点：各班教室']);
    expect(s[2].lines).toEqual(['组长：颜德兵——统筹']);
    expect(s[3].lines).toEqual(['全体幼儿', '应到 30 人，实到 28 人（出勤率 93.3%）']);
    expect(s[4].lines).toEqual(['（未填写）']);
    expect(s[6].lines).toEqual(['（活动结束后填写）']);
  });
  it('computes attendance only with both counts', () => {
    expect(attendanceRate(45, 43)).toBe(95.6);
    expect(attendanceRate(null, 43)).toBeNull();
    expect(attendanceRate(0, 0)).toBeNull();
  });
});

describe('checkAttachment', () => {
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('x')]);
  const zip = (part: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(part)]);
  it('tells the kind by the content', () => {
    expect(checkAttachment('照片.PNG', png)).toEqual({ ok: true, mime: 'image/png' });
    expect(checkAttachment('方案.pdf', Buffer.from('%PDF-1.7\n'))).toMatchObject({ ok: true, mime: 'application/pdf' });
    expect(checkAttachment('签到表.docx', zip('word/document.xml'))).toMatchObject({ ok: true });
    expect(checkAttachment('名单.xlsx', zip('xl/workbook.xml'))).toMatchObject({ ok: true });
  });
  it('refuses a renamed file, another kind, an empty one and one above 10 MB', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]);
    expect(checkAttachment('照片.png', exe)).toMatchObject({ ok: false, zh: expect.stringMatching(/不是 \.png 格式/), en: expect.stringMatching(/not a \.png file/) });
    expect(checkAttachment('名单.xlsx', zip('word/document.xml'))).toMatchObject({ ok: false });
    expect(checkAttachment('setup.exe', exe)).toMatchObject({ ok: false, zh: expect.stringMatching(/须为/) });
    expect(checkAttachment('空.pdf', Buffer.alloc(0))).toMatchObject({ ok: false, en: expect.stringMatching(/empty/) });
    expect(checkAttachment('大.pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]))).toMatchObject({ ok: false, en: expect.stringMatching(/10 MB/) });
  });
});
