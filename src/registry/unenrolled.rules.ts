// Which registry children count as school-age and not enrolled, and in which category (pure).
// Ages are taken on the school year's start (Sept 1): 3–5 学前, 6–14 义务教育, 15–17 高中阶段.
import { ageOn } from '../kernel/dates.ts';
import { ageBand } from '../kernel/school-year.ts';

export type UnenrolledCategory = '学前未入园' | '义务教育疑似失学' | '高中阶段未在读';

/** Relations of the children's generation: with an unknown birth date they are still listed, marked. */
const CHILD_RELATIONS = /子|女|孙|外孙|侄|甥|其他/;
const ELDER_RELATIONS = /户主|配偶|父|母|祖|岳|公|婆|兄|姐|弟|妹|媳|婿/;

export function isChildRelation(relation: string | null): boolean {
  if (!relation) return true;
  if (/^之?(子|女|孙子|孙女|外孙子|外孙女|曾孙子|曾孙女)$/.test(relation)) return true;
  return CHILD_RELATIONS.test(relation) && !ELDER_RELATIONS.test(relation.replace(/之/, ''));
}

export function categoryOfAge(age: number): UnenrolledCategory | null {
  switch (ageBand(age)) {
    case '学前':
      return '学前未入园';
    case '义务教育':
      return '义务教育疑似失学';
    case '高中阶段':
      return '高中阶段未在读';
    default:
      return null;
  }
}

/**
 * A birth date before which nobody is of school age on the date (19 years earlier: older than the
 * oldest band with room to spare), for skipping the grown-ups of a registry cheaply.
 */
export function bornBeforeSchoolAge(onDate: string): string {
  return `${Number(onDate.slice(0, 4)) - 19}${onDate.slice(4)}`;
}

/** Age 3–17 on the date, or an unknown birth date in the children's generation. */
export function isSchoolAgeChild(birth: string | null, relation: string | null, onDate: string): boolean {
  if (!birth) return isChildRelation(relation);
  return categoryOfAge(ageOn(birth, onDate)) !== null;
}
