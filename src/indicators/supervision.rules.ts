// Supervision (督导问责, domain.md §7), pure: 一次通报、二次约谈、三次问责 — the same matter about the same
// school or region escalates with each record — and the checks (县级自查, 市级复查) with their result.
export const ESCALATION = ['通报', '约谈', '问责'] as const;
export const CHECK_KINDS = ['县级自查', '市级复查'] as const;
export const CHECK_RESULTS = ['合格', '整改', '不合格'] as const;

/** The level of a new record on a matter that already has `previous` escalation records. */
export function nextLevel(previous: number): (typeof ESCALATION)[number] {
  return ESCALATION[Math.min(previous, ESCALATION.length - 1)];
}

/** A matter is compared without spaces or punctuation, so that “控辍保学 台账不全” and “控辍保学台账不全。” are one. */
export function matterKey(matter: string): string {
  return matter.normalize('NFKC').replace(/[\s\p{P}]/gu, '');
}

/** A subject is a school (10-digit 学校标识码) or a region (6, 9 or 12 digits). */
export function subjectKind(code: string): 'school' | 'region' | null {
  if (/^\d{10}$/.test(code)) return 'school';
  if (/^(\d{6}|\d{9}|\d{12})$/.test(code)) return 'region';
  return null;
}
