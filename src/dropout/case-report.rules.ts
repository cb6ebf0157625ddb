// 劝返复学登记与书面报告, pure: one case as the written report a school and township file — who the
// child is, why the case was opened, who is responsible (五长 chain), how it was verified, every
// persuasion visit and step with its date and who did it, and the outcome.
import type { CaseRow } from './dropout.repository.ts';
import type { PresentedCase } from './case.presenter.ts';

export interface CaseEvent {
  action: string;
  from_status: string | null;
  to_status: string | null;
  event_date: string | null;
  detail_json: string | null;
  actor: string;
  at: string;
}

const ACTION_ZH: Record<string, string> = {
  open: '立案（疑似辍学）',
  source: '新增来源',
  close: '核查排除',
  confirm: '核实辍学，进入劝返',
  assign: '指定责任人',
  visit: '劝返走访',
  return: '劝返结果',
};

function detailText(action: string, json: string | null): string {
  if (!json) return '';
  const d = JSON.parse(json) as Record<string, unknown>;
  const s = (k: string) => {
    const v = d[k];
    if (v === undefined || v === null || v === '') return '';
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  switch (action) {
    case 'visit':
      return [s('by') && `走访人：${s('by')}`, s('note'), s('next') && `下一步：${s('next')}`].filter(Boolean).join('；');
    case 'close':
      return [s('category') && `核查类别：${s('category')}`, s('note'), s('proof') && `证明材料：${s('proof')}`].filter(Boolean).join('；');
    case 'return':
      return [s('outcome'), s('school') && `就读学校：${s('school')}`].filter(Boolean).join('；');
    case 'assign':
      return [s('school') && `学校 ${s('school')}`, s('townshipUser') && `乡镇 ${s('townshipUser')}`, s('villageCadre') && `村 ${s('villageCadre')}`].filter(Boolean).join('；');
    default:
      return Object.entries(d)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v]) => `${k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('；');
  }
}

/** The report's title, its fields (项目, 内容) and its steps (日期, 事项, 办理人, 情况). */
export function caseReport(c: CaseRow, shown: PresentedCase, events: CaseEvent[], schoolName: string | null) {
  const title = `劝返复学登记与书面报告（案件编号 ${c.case_no}）`;
  const fields: [string, string][] = [
    ['姓名', c.name],
    ['性别', c.sex === 'M' ? '男' : c.sex === 'F' ? '女' : ''],
    ['身份证件号', shown.idNumber],
    ['出生日期 / 年龄', `${shown.birthDate}${shown.age === null ? '' : `（${shown.age} 岁）`}`],
    ['户籍行政区划代码', shown.hukouRegion],
    ['学籍号 / 学校', [shown.studentNo, schoolName ?? shown.schoolCode].filter(Boolean).join(' / ')],
    ['来源（四查三比对）', c.sources],
    ['立案依据', c.basis],
    ['当前状态', c.status],
    ['核查类别', c.category ?? ''],
    ['责任人（学校、乡镇、村）', shown.responsible],
    ['最近走访', c.last_visit ?? ''],
    ['劝返结果', shown.outcome],
  ];
  const steps = events.map((e) => [e.event_date ?? e.at.slice(0, 10), ACTION_ZH[e.action] ?? e.action, e.actor, detailText(e.action, e.detail_json)]);
  return { title, fields, steps };
}
