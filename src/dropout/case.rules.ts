// The dropout case state machine (控辍保学 案件), pure: which step a status allows and where it leads.
//   待核查 ─close(类别)→ 已排除          (verified: not out of school — data noise or in school elsewhere)
//   待核查 ─confirm→ 劝返中              (verified out of school: persuade back)
//   劝返中 ─return 复学→ 已复学 | 送教上门→ 送教上门 | 转学→ 已转学 | 外地就读已核实→ 已排除 (类别 外地就读)
//   送教上门 ─return 复学→ 已复学        (a child taught at home who later attends school)
//   assign: 待核查, 劝返中, 送教上门; visit (入户核查 or 劝返): 待核查, 劝返中, 送教上门
// 已排除, 已复学 and 已转学 are final: nothing changes them (a re-run of the check never reopens them).

export const CASE_STATUSES = ['待核查', '已排除', '劝返中', '已复学', '送教上门', '已转学'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSE_CATEGORIES = ['信息错误', '死亡', '空挂户', '重复户籍', '外地就读', '无籍在读', '延缓入学', '超龄离校', '出国出境', '其他'] as const;
export type CloseCategory = (typeof CLOSE_CATEGORIES)[number];

export const OUTCOMES = ['复学', '送教上门', '转学', '外地就读已核实'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type CaseStep =
  | { kind: 'close'; category: string; note: string }
  | { kind: 'confirm' }
  | { kind: 'assign' }
  | { kind: 'visit' }
  | { kind: 'return'; outcome: string };

export type StepResult = { ok: true; status: CaseStatus; category?: CloseCategory } | { ok: false; code: string; zh: string; en: string };

const OUTCOME_STATUS: Record<Outcome, CaseStatus> = { 复学: '已复学', 送教上门: '送教上门', 转学: '已转学', 外地就读已核实: '已排除' };

/** Where each step may start. */
const ALLOWED_FROM: Record<CaseStep['kind'], readonly CaseStatus[]> = {
  close: ['待核查'],
  confirm: ['待核查'],
  assign: ['待核查', '劝返中', '送教上门'],
  visit: ['待核查', '劝返中', '送教上门'],
  return: ['劝返中', '送教上门'],
};

const STEP_WORDS: Record<CaseStep['kind'], string> = { close: '核查排除', confirm: '确认辍学', assign: '指定责任人', visit: '登记走访', return: '登记劝返结果' };

export const FINAL_STATUSES: readonly CaseStatus[] = ['已排除', '已复学', '已转学'];

export function isCaseStatus(s: string): s is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(s);
}

function refuse(code: string, zh: string, en: string): StepResult {
  return { ok: false, code, zh, en };
}

/** The status after a step, or why the step is refused; nothing else is decided here. */
export function applyStep(status: string, step: CaseStep): StepResult {
  if (!isCaseStatus(status)) return refuse('CASE_STATUS', `案件状态“${status}”无法识别`, `unknown case status "${status}"`);
  if (!ALLOWED_FROM[step.kind].includes(status)) {
    return refuse('ILLEGAL_STEP', `案件状态为“${status}”，不能${STEP_WORDS[step.kind]}`, `a case in status ${status} does not allow "${step.kind}"`);
  }
  switch (step.kind) {
    case 'close': {
      if (!(CLOSE_CATEGORIES as readonly string[]).includes(step.category)) {
        return refuse('BAD_CATEGORY', `核查类别“${step.category}”无效，应为 ${CLOSE_CATEGORIES.join('、')} 之一`, `unknown category "${step.category}"; use one of ${CLOSE_CATEGORIES.join(', ')}`);
      }
      if (step.note.trim() === '') return refuse('NOTE_REQUIRED', '排除须写明核查情况（--note）', 'closing a case needs a note (--note)');
      return { ok: true, status: '已排除', category: step.category as CloseCategory };
    }
    case 'confirm':
      return { ok: true, status: '劝返中' };
    case 'assign':
    case 'visit':
      return { ok: true, status };
    case 'return': {
      if (!(OUTCOMES as readonly string[]).includes(step.outcome)) {
        return refuse('BAD_OUTCOME', `劝返结果“${step.outcome}”无效，应为 ${OUTCOMES.join('、')} 之一`, `unknown outcome "${step.outcome}"; use one of ${OUTCOMES.join(', ')}`);
      }
      const outcome = step.outcome as Outcome;
      if (status === '送教上门' && outcome !== '复学') return refuse('ILLEGAL_STEP', '送教上门的案件只能登记复学', 'a 送教上门 case can only return to school (复学)');
      return outcome === '外地就读已核实' ? { ok: true, status: '已排除', category: '外地就读' } : { ok: true, status: OUTCOME_STATUS[outcome] };
    }
  }
}

/** The steps a status allows (the action buttons of the console). */
export function allowedSteps(status: string): CaseStep['kind'][] {
  if (!isCaseStatus(status)) return [];
  return (Object.keys(ALLOWED_FROM) as CaseStep['kind'][]).filter((k) => ALLOWED_FROM[k].includes(status));
}
