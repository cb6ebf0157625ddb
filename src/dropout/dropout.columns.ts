// The dropout capability's input lists as table specs (interfaces.md "Input files": roster,
// attendance) and the words its ledger uses: sources, statuses, closure categories, outcomes.
import type { TableSpec } from '../files/table-spec.ts';

export const ROSTER_COLUMNS: TableSpec = {
  kind: 'roster',
  label: '适龄儿童花名册',
  columns: [
    { key: 'name', header: '姓名', aliases: ['儿童姓名', '学生姓名'], required: true },
    { key: 'sex', header: '性别', aliases: [], required: false },
    { key: 'idNumber', header: '身份证件号', aliases: ['公民身份号码', '身份证号', '身份证号码', '证件号码', '身份证件号码'], required: true },
    { key: 'birthDate', header: '出生日期', aliases: ['出生年月', '出生年月日'], required: false },
    { key: 'hukouRegion', header: '户籍行政区划代码', aliases: ['户籍所在地', '户籍所在地行政区划代码', '户口所在地行政区划代码', '行政区划代码'], required: true },
    { key: 'address', header: '户籍地址', aliases: ['户籍详细地址', '住址', '家庭住址'], required: false },
    { key: 'guardianName', header: '监护人姓名', aliases: ['监护人', '家长姓名'], required: false },
    { key: 'guardianPhone', header: '监护人联系电话', aliases: ['监护人电话', '联系电话', '家长电话'], required: false },
  ],
};

export const ATTENDANCE_COLUMNS: TableSpec = {
  kind: 'attendance',
  label: '学生缺勤记录',
  columns: [
    { key: 'studentNo', header: '学籍号', aliases: ['全国学籍号', '学籍号码'], required: true },
    { key: 'date', header: '日期', aliases: ['缺勤日期', '缺课日期'], required: true },
    { key: 'kind', header: '缺勤类型', aliases: ['缺勤类别', '类型'], required: true },
    { key: 'reason', header: '原因', aliases: ['缺勤原因', '备注'], required: false },
  ],
};

export const ABSENCE_KINDS = ['病假', '事假', '旷课', '无故缺勤'] as const;
/** Absences that count toward the early warning: unexplained ones (旷课, 无故缺勤). */
export const UNEXPLAINED_ABSENCES: readonly string[] = ['旷课', '无故缺勤'];

export const CASE_SOURCES = ['户籍比对', '名单比对', '学籍状态', '缺勤预警'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const DROPOUT_CASE_HEADERS = ['案件编号', '姓名', '身份证件号', '出生日期', '年龄', '户籍行政区划代码', '来源', '状态', '核查类别', '责任人', '最近走访', '结果', '学籍号', '学校标识码', '依据'];
