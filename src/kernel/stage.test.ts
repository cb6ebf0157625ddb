import { describe, expect, it } from 'vitest';
import { canonicalStage, gradeInStage, inferStage, parseGrade, resolveStage, stageStartYear } from './stage.ts';

describe('canonicalStage', () => {
  const cases: [string | null, string | null][] = [
    ['学前', '学前'], ['学前教育', '学前'], ['幼儿园', '学前'],
    ['小学', '小学'], ['初中', '初中'],
    ['高中', '高中'], ['普通高中', '高中'], ['普高', '高中'],
    ['中职', '中职'], ['中专', '中职'], ['职高', '中职'], ['技校', '中职'], ['中等职业教育', '中职'],
    ['高等', '高等'], ['大学', '高等'], ['本科', '高等'], ['专科', '高等'], ['高职', '高等'],
    [' 普通 高中 ', '高中'], ['普通高中\u3000', '高中'],
    ['义务教育', null], ['', null], [null, null], ['其他', null],
  ];
  it.each(cases)('%s → %s', (text, want) => expect(canonicalStage(text)).toBe(want));
});

describe('parseGrade', () => {
  const cases: [string, ReturnType<typeof parseGrade>][] = [
    ['一年级', { kind: 'number', n: 1 }],
    ['1年级', { kind: 'number', n: 1 }],
    ['１年级', { kind: 'number', n: 1 }],
    ['一年级(1)班', { kind: 'number', n: 1 }],
    ['一年级（1）班', { kind: 'number', n: 1 }],
    ['三年级2班', { kind: 'number', n: 3 }],
    ['七年级', { kind: 'number', n: 7 }],
    ['十年级', { kind: 'number', n: 10 }],
    ['十二年级', { kind: 'number', n: 12 }],
    ['初一', { kind: 'stage', stage: '初中', n: 1 }],
    ['初二(3)班', { kind: 'stage', stage: '初中', n: 2 }],
    ['初中二年级', { kind: 'stage', stage: '初中', n: 2 }],
    ['高一', { kind: 'stage', stage: '高中', n: 1 }],
    ['高三年级', { kind: 'stage', stage: '高中', n: 3 }],
    ['大一', { kind: 'stage', stage: '高等', n: 1 }],
    ['小班', { kind: 'stage', stage: '学前', n: 1 }],
    ['中班', { kind: 'stage', stage: '学前', n: 2 }],
    ['大班（2）', { kind: 'stage', stage: '学前', n: 3 }],
    ['', null], ['不详', null], ['十三年级', null],
  ];
  it.each(cases)('%s', (text, want) => expect(parseGrade(text)).toEqual(want));
});

describe('gradeInStage', () => {
  const cases: [string | null, string | null, number | null][] = [
    ['小学', '一年级', 1], ['小学', '1年级', 1], ['小学', '六年级(2)班', 6],
    ['初中', '初一', 1], ['初中', '七年级', 1], ['初中', '九年级', 3], ['初中', '一年级', 1], ['初中', '初中三年级', 3],
    ['高中', '高一', 1], ['普通高中', '高二', 2], ['高中', '十二年级', 3], ['高中', '二年级', 2],
    ['中职', '一年级', 1], ['中等职业教育', '高二', 2],
    ['学前', '大班', 3], ['学前教育', '小班', 1], ['幼儿园', '中班(1)班', 2],
    ['高等', '大二', 2], ['中职', '二年级', 2], ['初中', '八年级', 2], ['高中', '高三', 3], ['小学', '', null], ['初中', '不详', null],
    ['小学', '初一', null], ['初中', '高一', null], ['学前', '一年级', null], [null, '一年级', null], ['小学', null, null],
  ];
  it.each(cases)('%s %s → %s', (stage, grade, want) => expect(gradeInStage(stage, grade)).toBe(want));
});

describe('inferStage from 年级 and 办学类型', () => {
  const cases: [string | null, string | null, string | null][] = [
    ['七年级', '九年一贯制学校', '初中'],
    ['三年级', '九年一贯制学校', '小学'],
    ['一年级', '中等职业学校', '中职'],
    ['高一', '中等职业学校', '中职'],
    ['高一', '完全中学', '高中'],
    ['高一', null, '高中'],
    ['初二', '初级中学', '初中'],
    ['初二', null, '初中'],
    ['二年级', '初级中学', '初中'],
    ['二年级', '高级中学', '高中'],
    ['二年级', '完全中学', null],
    ['十年级', '十二年一贯制学校', '高中'],
    ['一年级(1)班', '小学', '小学'],
    ['一年级', '教学点', '小学'],
    ['一年级', '特殊教育学校', '小学'],
    ['大班', '幼儿园', '学前'],
    ['大班', '小学', '学前'],
    [null, '幼儿园', '学前'],
    [null, '中等职业学校', '中职'],
    [null, '九年一贯制学校', null],
    ['大一', '高等学校', '高等'],
    ['二年级', '高等学校', '高等'],
  ];
  it.each(cases)('%s in %s → %s', (grade, type, want) => expect(inferStage(grade, type)).toBe(want));
});

describe('resolveStage and stageStartYear', () => {
  it('prefers the written stage, else infers', () => {
    expect(resolveStage('普通高中', '一年级', '完全中学')).toBe('高中');
    expect(resolveStage(null, '八年级', '九年一贯制学校')).toBe('初中');
    expect(resolveStage('', '初二', '初级中学')).toBe('初中');
    expect(resolveStage('义务教育', '八年级', '九年一贯制学校')).toBe('初中');
  });
  it('counts the school year the stage began', () => {
    expect(stageStartYear('初中', '八年级', 2025)).toBe(2024);
    expect(stageStartYear('学前教育', '大班', 2025)).toBe(2023);
    expect(stageStartYear('小学', '不详', 2025)).toBeNull();
  });
});
