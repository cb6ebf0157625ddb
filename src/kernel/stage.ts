// 学段 and 年级 as real 学籍 exports spell them (学前教育, 普通高中, 中等职业教育, 七年级, 初一, 大班,
// 一年级(1)班 …), made canonical once so that import, aid rules, reports and the demo agree. Pure.

/** The canonical 学段: 五个阶段全覆盖 (domain §2), with 义务教育 split into 小学 and 初中. */
export const STAGES = ['学前', '小学', '初中', '高中', '中职', '高等'] as const;
export type Stage = (typeof STAGES)[number];

const STAGE_SPELLINGS: Record<Stage, string[]> = {
  学前: ['学前', '学前教育', '幼儿园', '学前班', '幼儿教育', '幼教', '学前阶段'],
  小学: ['小学', '小学教育', '小学阶段', '普通小学'],
  初中: ['初中', '初中教育', '初级中学', '初中阶段', '普通初中'],
  高中: ['高中', '普通高中', '普高', '高级中学', '高中教育', '普通高中教育', '高中阶段'],
  中职: ['中职', '中专', '职高', '技校', '中等职业教育', '中等职业学校', '中等职业', '职业高中', '中等专业学校', '技工学校', '中职教育'],
  高等: ['高等', '高等教育', '大学', '本科', '专科', '高职', '高职高专', '大专', '本专科', '研究生', '普通高等教育'],
};

const SPELLING_TO_STAGE = new Map<string, Stage>(
  (Object.entries(STAGE_SPELLINGS) as [Stage, string[]][]).flatMap(([stage, words]) => words.map((w) => [w, stage] as [string, Stage])),
);

/** Full-width letters and digits to ASCII, all whitespace removed. */
function compact(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\u3000]+/g, '');
}

/** The canonical 学段 of a text, or null when it is empty or not a stage (义务教育 alone names two). */
export function canonicalStage(text: string | null | undefined): Stage | null {
  if (text === null || text === undefined) return null;
  return SPELLING_TO_STAGE.get(compact(text)) ?? null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一…十二 or 1…12 as a number. */
function numberOf(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  if (/^[一二三四五六七八九]$/.test(text)) return CN_DIGITS[text];
  const m = /^十([一二])?$/.exec(text);
  if (m) return 10 + (m[1] ? CN_DIGITS[m[1]] : 0);
  return null;
}

/**
 * What a 年级 text says by itself: a preschool class, a grade tied to a stage (初二, 高一, 大一), or a
 * grade number (三年级, 8年级) whose stage depends on the school.
 */
export type GradeToken =
  | { kind: 'stage'; stage: Stage; n: number }
  | { kind: 'number'; n: number };

const PRESCHOOL: Record<string, number> = { 小班: 1, 中班: 2, 大班: 3 };

/** Parses 一年级, 1年级, 初一, 七年级, 高一, 大班, 一年级(1)班, 初二3班 …; null when nothing usable. */
export function parseGrade(text: string | null | undefined): GradeToken | null {
  if (!text) return null;
  let g = compact(text).replace(/[(（].*$/, '');
  if (g in PRESCHOOL) return { kind: 'stage', stage: '学前', n: PRESCHOOL[g] };
  const stagePrefix = /^(小学|初中|高中|中职|大学)(.+)$/.exec(g); // 初中一年级, 小学三年级
  const prefixStage = stagePrefix ? canonicalStage(stagePrefix[1]) : null;
  if (stagePrefix) g = stagePrefix[2];
  const nianji = /^([一二三四五六七八九十]{1,2}|\d{1,2})年级/.exec(g);
  if (nianji) {
    const n = numberOf(nianji[1]);
    if (n === null || n < 1 || n > 12) return null;
    return prefixStage ? { kind: 'stage', stage: prefixStage, n } : { kind: 'number', n };
  }
  const tied = /^([初高大])([一二三四五六]|\d)(?:年级)?(?:\d+班)?$/.exec(g);
  if (tied) {
    const n = numberOf(tied[2]);
    if (n === null) return null;
    const stage: Stage = tied[1] === '初' ? '初中' : tied[1] === '高' ? '高中' : '高等';
    return { kind: 'stage', stage, n };
  }
  return null;
}

/** Stages a 高X grade may belong to: 高一 in a 中职 school is the first year of 中职. */
const SENIOR_LIKE: Stage[] = ['高中', '中职'];

/** 1-based grade within the stage, or null when the text says nothing usable for that stage. */
export function gradeInStage(stageText: string | null | undefined, grade: string | null | undefined): number | null {
  const stage = canonicalStage(stageText);
  const t = parseGrade(grade);
  if (!stage || !t) return null;
  if (t.kind === 'stage') {
    if (t.stage === stage || (t.stage === '高中' && SENIOR_LIKE.includes(stage))) return t.n;
    return null;
  }
  if (stage === '学前') return null; // 学前 grades are 小班/中班/大班
  if (stage === '初中' && t.n >= 7 && t.n <= 9) return t.n - 6; // 七年级 = 初一
  if (SENIOR_LIKE.includes(stage) && t.n >= 10) return t.n - 9; // 十年级 = 高一
  if (stage === '小学' && t.n > 6) return null;
  if (stage !== '小学' && stage !== '高等' && t.n > 4) return null;
  return t.n;
}

/** The stage a school of this 办学类型 teaches when that is all it teaches. */
const SINGLE_STAGE_SCHOOL: Record<string, Stage> = {
  幼儿园: '学前',
  小学: '小学',
  教学点: '小学',
  初级中学: '初中',
  高级中学: '高中',
  中等职业学校: '中职',
  高等学校: '高等',
};

/**
 * The 学段 from the 年级 and the school's 办学类型, for a roster without 学段: 七年级 in a 九年一贯制学校
 * → 初中; 一年级 in a 中等职业学校 → 中职; 高一 → 高中; 初二 → 初中. Null when they do not tell.
 */
export function inferStage(grade: string | null | undefined, schoolType: string | null | undefined): Stage | null {
  const type = schoolType ? compact(schoolType) : '';
  const single = SINGLE_STAGE_SCHOOL[type] ?? null;
  const t = parseGrade(grade);
  if (!t) return single;
  if (t.kind === 'stage') return t.stage === '高中' && single === '中职' ? '中职' : t.stage;
  if (t.n >= 10) return single === '中职' ? '中职' : '高中';
  if (t.n >= 7) return single === '中职' ? '中职' : '初中';
  if (single) return single === '学前' ? null : single; // 幼儿园 has no 三年级
  // 1–6 with several stages in one school: 九年一贯制, 十二年一贯制 and 特殊教育 number from 小学一年级;
  // a 完全中学 has 初中 and 高中 both numbered from 一年级, so it cannot tell.
  if (type === '完全中学') return null;
  return '小学';
}

/** The canonical stage of a roster row: as written when recognised, else inferred from 年级 and 办学类型. */
export function resolveStage(stageText: string | null | undefined, grade: string | null | undefined, schoolType: string | null | undefined): Stage | null {
  return canonicalStage(stageText) ?? inferStage(grade, schoolType);
}

/** The school year in which the student began the current stage, or null if the grade is unknown. */
export function stageStartYear(stage: string | null | undefined, grade: string | null | undefined, schoolYear: number): number | null {
  const n = gradeInStage(stage, grade);
  return n === null ? null : schoolYear - (n - 1);
}
