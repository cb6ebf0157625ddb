// 家庭经济困难学生认定 for students on no list, as a pure state machine: 已申请 → 已认定 (with a tier)
// or 未认定 → 公示中 → 已存档; once a school year, adjustable each term (a filed decision may be revised).
import { FuzhiError } from '../kernel/errors.ts';
import { TIERS, type Tier } from './policy.schema.ts';

export const RECOGNITION_STATUSES = ['已申请', '已认定', '未认定', '公示中', '已存档'] as const;
export type RecognitionStatus = (typeof RECOGNITION_STATUSES)[number];
export type RecognitionStep = 'apply' | 'decide' | 'notice' | 'file';

function refuse(zh: string, en: string): FuzhiError {
  return new FuzhiError('AID_RECOGNITION_STEP', zh, en, { exitCode: 1, status: 409 });
}

export function parseTier(text: string): Tier | null {
  if (text === '不认定' || text === '未认定') return null;
  if ((TIERS as readonly string[]).includes(text)) return text as Tier;
  throw new FuzhiError('USAGE', `认定档次“${text}”无效：写 特别困难、比较困难、一般困难 或 不认定`, `tier "${text}" is not one of 特别困难, 比较困难, 一般困难, 不认定`, { exitCode: 2 });
}

/** The status after `step`, or a refusal saying why; `status` undefined means no application yet. */
export function nextRecognition(status: RecognitionStatus | undefined, step: RecognitionStep, o: { today: string; noticeEnd?: string | null; tier?: Tier | null }): RecognitionStatus {
  const now = status ?? '无申请';
  switch (step) {
    case 'apply':
      if (status === undefined || status === '未认定' || status === '已存档') return '已申请';
      throw refuse(`已有申请（状态：${now}），不能重复申请`, `an application exists (${now})`);
    case 'decide':
      if (status === '已申请' || status === '已存档' || status === '已认定' || status === '未认定') return o.tier ? '已认定' : '未认定';
      throw refuse(`状态为“${now}”，不能认定（须先申请；公示期间不能改）`, `status "${now}": cannot decide (apply first; not during notice)`);
    case 'notice':
      if (status === '已认定' || status === '未认定') return '公示中';
      throw refuse(`状态为“${now}”，只有已作出认定的可以公示`, `status "${now}": only decided applications go on notice`);
    case 'file':
      if (status !== '公示中') throw refuse(`状态为“${now}”，只有公示中的可以存档`, `status "${now}": only applications on notice can be filed`);
      if (o.noticeEnd && o.today <= o.noticeEnd) throw refuse(`公示期至 ${o.noticeEnd} 结束，尚不能存档`, `the notice runs until ${o.noticeEnd}; cannot file yet`);
      return '已存档';
  }
}
