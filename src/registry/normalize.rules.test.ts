// 学段 at import: stored canonical, inferred from 年级 and the school's 办学类型 when missing, the cell
// as it arrived kept in stage_raw (kernel/stage.ts holds the spellings).
import { describe, expect, it } from 'vitest';
import { normalizeStudent } from './normalize.rules.ts';

const TYPES: Record<string, string> = { '2151343301': '小学', '2151343302': '九年一贯制学校', '2151343303': '中等职业学校', '2151343304': '初级中学' };

function stageOf(school: string, stage: string | undefined, grade: string | undefined) {
  const n = normalizeStudent({ studentNo: 'L12345678901234567', name: '张三', schoolCode: school, stage, grade }, () => '513433', (code) => TYPES[code]);
  if (!n.ok) throw new Error(JSON.stringify(n.errors));
  return { stage: n.record.stage, stage_raw: n.record.stage_raw, grade: n.record.grade, warned: n.warnings.some((w) => w.column === '学段') };
}

describe('normalizeStudent: 学段', () => {
  const cases: [string, string | undefined, string | undefined, { stage: string | null; stage_raw: string | null; grade: string | null; warned: boolean }][] = [
    ['2151343301', '小学', '一年级(1)班', { stage: '小学', stage_raw: '小学', grade: '一年级(1)班', warned: false }],
    ['2151343303', '中等职业教育', '一年级', { stage: '中职', stage_raw: '中等职业教育', grade: '一年级', warned: false }],
    ['2151343302', '普通高中', '高一', { stage: '高中', stage_raw: '普通高中', grade: '高一', warned: false }],
    ['2151343302', '学前教育', '大班', { stage: '学前', stage_raw: '学前教育', grade: '大班', warned: false }],
    ['2151343302', undefined, '七年级', { stage: '初中', stage_raw: null, grade: '七年级', warned: false }],
    ['2151343302', '', '三年级', { stage: '小学', stage_raw: null, grade: '三年级', warned: false }],
    ['2151343304', undefined, '初二', { stage: '初中', stage_raw: null, grade: '初二', warned: false }],
    ['2151343303', undefined, '一年级', { stage: '中职', stage_raw: null, grade: '一年级', warned: false }],
    ['2151343302', '义务教育', '八年级', { stage: '初中', stage_raw: '义务教育', grade: '八年级', warned: true }],
    ['2151343302', undefined, undefined, { stage: null, stage_raw: null, grade: null, warned: true }],
    ['2151343302', '其他', undefined, { stage: null, stage_raw: '其他', grade: null, warned: true }],
  ];
  it.each(cases)('%s %s %s', (school, stage, grade, want) => expect(stageOf(school, stage, grade)).toEqual(want));
});
