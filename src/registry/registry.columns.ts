// The three input lists as table specs: canonical Chinese headers and the aliases real exports use
// (interfaces.md "Input files"). Add aliases here as new exports show them.
import type { TableSpec } from '../files/table-spec.ts';

export const SCHOOL_COLUMNS: TableSpec = {
  kind: 'schools',
  label: '学校名单',
  columns: [
    { key: 'code', header: '学校标识码', aliases: ['学校代码', '学校识别码'], required: true },
    { key: 'name', header: '学校名称', aliases: ['学校全称'], required: true },
    { key: 'region', header: '行政区划代码', aliases: ['所在地区划代码', '所在地行政区划代码', '区划代码'], required: true },
    { key: 'type', header: '办学类型', aliases: ['学校类型', '学校办学类型'], required: true },
    { key: 'urbanRural', header: '城乡类型', aliases: ['城乡分类', '城乡分类代码'], required: false },
  ],
};

export const STUDENT_COLUMNS: TableSpec = {
  kind: 'students',
  label: '学籍名单',
  columns: [
    { key: 'name', header: '姓名', aliases: ['学生姓名'], required: true },
    { key: 'sex', header: '性别', aliases: [], required: false },
    { key: 'idNumber', header: '身份证件号', aliases: ['身份证号', '公民身份号码', '证件号码', '身份证号码', '身份证件号码'], required: true },
    { key: 'studentNo', header: '学籍号', aliases: ['全国学籍号', '全国学籍号码', '学籍号码', '学籍辅号'], required: true },
    { key: 'birthDate', header: '出生日期', aliases: ['出生年月', '出生年月日'], required: false },
    { key: 'ethnicity', header: '民族', aliases: [], required: false },
    { key: 'schoolCode', header: '学校标识码', aliases: ['学校代码', '学校识别码'], required: true },
    { key: 'stage', header: '学段', aliases: ['学习阶段'], required: false },
    { key: 'grade', header: '年级', aliases: ['所在年级'], required: false },
    { key: 'boarding', header: '是否寄宿', aliases: ['寄宿生', '是否寄宿生', '是否住校'], required: false },
    { key: 'hukouRegion', header: '户籍行政区划代码', aliases: ['户籍所在地', '户口所在地行政区划代码', '户籍所在地行政区划代码'], required: false },
    { key: 'status', header: '学籍状态', aliases: ['在校状态', '学生状态'], required: false },
  ],
};

export const HOUSEHOLD_COLUMNS: TableSpec = {
  kind: 'households',
  label: '困难家庭名单',
  columns: [
    { key: 'householdNo', header: '户编号', aliases: ['户号', '家庭编号'], required: true },
    { key: 'name', header: '姓名', aliases: ['成员姓名', '家庭成员姓名'], required: true },
    { key: 'idNumber', header: '证件号码', aliases: ['身份证号', '身份证件号', '公民身份号码', '身份证号码'], required: true },
    { key: 'relation', header: '与户主关系', aliases: ['与户主的关系'], required: false },
    { key: 'sex', header: '性别', aliases: [], required: false },
    { key: 'birthDate', header: '出生日期', aliases: ['出生年月', '出生年月日'], required: false },
    { key: 'villageCode', header: '行政区划代码', aliases: ['所在村行政区划代码', '村行政区划代码', '所在村代码'], required: false },
    { key: 'householdType', header: '户类型', aliases: ['脱贫户属性', '监测对象类型', '贫困户属性', '户属性'], required: false },
    { key: 'yearIdentified', header: '识别年度', aliases: ['识别年份', '纳入年度'], required: false },
    { key: 'yearExited', header: '脱贫年度', aliases: ['脱贫年份', '退出年度'], required: false },
  ],
};

export const LIST_KINDS = ['建档立卡', '低保', '特困', '孤儿', '残疾'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const STUDENT_STATUSES = ['在读', '休学', '转出', '辍学', '毕业'] as const;
/** Statuses that count as "in school" for identification and the unenrolled list. */
export const ENROLLED_STATUSES: readonly string[] = ['在读', '休学'];

export const SCHOOL_TYPES = ['幼儿园', '小学', '教学点', '初级中学', '九年一贯制学校', '完全中学', '高级中学', '十二年一贯制学校', '中等职业学校', '高等学校', '特殊教育学校'] as const;

export const HOUSEHOLD_TYPES = ['未脱贫户', '脱贫户', '返贫户', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户', '一般农户', '低保户', '特困户'] as const;
