// 城乡学校结对帮扶: the activity kinds, the minimums per period counted from activities, who is behind,
// and 结对率. Pure. 日照市教育局《教育精准扶贫实施方案》(seed 002 篇6) 二(四) is the source of the minimums.
import { z } from 'zod';

/** The one list of activity types (结对帮扶 and a school's own activities); spellings in activity.rules.ts ACTIVITY_ALIASES. */
export const ACTIVITY_KINDS = ['联合教研', '挂职', '课题', '送课下乡', '听课评课', '捐赠', '劳动教育', '安全教育', '家访', '主题教育', '文体活动', '年度会议', '其他'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const RIZHAO = '日照市教育局《教育精准扶贫实施方案》二(四)建立城乡学校结对帮扶工作机制';

const Minimum = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  per: z.enum(['学期', '学年']),
  atLeast: z.number().int().positive(),
  basis: z.string().min(10),
});
export type Minimum = z.infer<typeof Minimum>;

export const MINIMUMS: Minimum[] = z.array(Minimum).parse([
  { kind: '联合教研', per: '学期', atLeast: 1, basis: `${RIZHAO}：“实施联合教研制度,每学期至少召开一次联合教研会议”` },
  { kind: '挂职', per: '学年', atLeast: 1, basis: `${RIZHAO}：“结对帮扶学校每年至少互派1人挂职”` },
  { kind: '课题', per: '学年', atLeast: 1, basis: `${RIZHAO}：“联合开展课题研究”；domain.md §5：每年至少1项联合课题` },
]);

export const PAIRING_RATE_BASIS = `${RIZHAO}：“扶贫工作重点村中小学结对率达到100%”`;

/** The periods of a school year: 秋季 Sept–Feb and 春季 Mar–Aug, so that every day belongs to one. */
export function periodsOf(schoolYear: number): { name: string; per: '学期' | '学年'; from: string; to: string }[] {
  return [
    { name: `${schoolYear}年秋季学期`, per: '学期', from: `${schoolYear}-09-01`, to: `${schoolYear + 1}-02-31` },
    { name: `${schoolYear + 1}年春季学期`, per: '学期', from: `${schoolYear + 1}-03-01`, to: `${schoolYear + 1}-08-31` },
    { name: `${schoolYear}学年`, per: '学年', from: `${schoolYear}-09-01`, to: `${schoolYear + 1}-08-31` },
  ];
}

export interface PairingLine {
  counts: Record<ActivityKind, number>;
  /** each unmet minimum: '2025年秋季学期 联合教研 0/1' */
  behind: string[];
}

/**
 * Counts one pairing's activities of the school year and names the minimums it has not met. A period
 * that has not ended by `today` is only reported behind once it is over (a pairing is not late in October),
 * and one that ended before the pairing began (`since`) is not reported at all.
 */
export function pairingLine(activities: { kind: string; activity_date: string }[], schoolYear: number, today: string, since?: string): PairingLine {
  const counts = Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, 0])) as Record<ActivityKind, number>;
  for (const a of activities) if ((ACTIVITY_KINDS as readonly string[]).includes(a.kind)) counts[a.kind as ActivityKind]++;
  const behind: string[] = [];
  for (const p of periodsOf(schoolYear)) {
    if (p.from > today) continue;
    // a period that ended before the pairing began owes nothing (a pairing of March is not behind for the autumn)
    if (since !== undefined && since > p.to) continue;
    for (const m of MINIMUMS.filter((x) => x.per === p.per)) {
      const n = activities.filter((a) => a.kind === m.kind && a.activity_date >= p.from && a.activity_date <= p.to).length;
      if (n < m.atLeast && p.to < today) behind.push(`${p.name} ${m.kind} ${n}/${m.atLeast}`);
    }
  }
  return { counts, behind };
}

/** Schools that should be paired (结对率's denominator): rural 中小学 and 教学点. */
export function shouldBePaired(s: { school_type: string; urban_rural: string | null }): boolean {
  return /小学|教学点|中学|九年一贯制/.test(s.school_type) && /乡|村/.test(s.urban_rural ?? '');
}

export function pairingRate(schools: { code: string; school_type: string; urban_rural: string | null }[], helped: Set<string>): { numerator: number; denominator: number } {
  const targets = schools.filter(shouldBePaired);
  return { numerator: targets.filter((s) => helped.has(s.code)).length, denominator: targets.length };
}
