// Where a student stands within a stage, from the 年级 text of the 学籍 roster (一年级, 初二, 八年级,
// 高三, 大班...), so that 同一学段继续享受 can tell when the current stage began.
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function number(text: string): number | null {
  const m = /([一二三四五六七八九]|\d)/.exec(text);
  if (!m) return null;
  return DIGITS[m[1]] ?? Number(m[1]);
}

/** 1-based grade within the stage, or null when the text says nothing usable. */
export function gradeInStage(stage: string | null, grade: string | null): number | null {
  if (!stage || !grade) return null;
  const g = grade.trim();
  if (stage === '学前') return ({ 小班: 1, 中班: 2, 大班: 3 } as Record<string, number>)[g.replace(/[（(].*$/, '')] ?? null;
  const n = number(g);
  if (n === null) return null;
  if (stage === '初中' && /年级/.test(g) && n >= 7) return n - 6; // 七年级 = 初一
  if (stage === '高中' && /年级/.test(g) && n >= 10) return n - 9;
  return n;
}

/** The school year in which the student began the current stage, or null if the grade is unknown. */
export function stageStartYear(stage: string | null, grade: string | null, schoolYear: number): number | null {
  const n = gradeInStage(stage, grade);
  return n === null ? null : schoolYear - (n - 1);
}
