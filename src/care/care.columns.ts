// The care ledger as a table spec (interfaces.md "care (input)") and the words of the capability.
import type { TableSpec } from '../files/table-spec.ts';

export const CARE_COLUMNS: TableSpec = {
  kind: 'care',
  label: '关爱对象台账',
  columns: [
    { key: 'studentNo', header: '学籍号', aliases: ['全国学籍号', '学籍号码'], required: false },
    { key: 'idNumber', header: '身份证件号', aliases: ['身份证号', '公民身份号码', '证件号码', '身份证号码'], required: false },
    { key: 'name', header: '姓名', aliases: ['学生姓名', '儿童姓名'], required: true },
    { key: 'categories', header: '类别', aliases: ['关爱类别', '儿童类别', '特殊群体类别'], required: true },
    { key: 'parentsWork', header: '父母务工地', aliases: ['父母务工地点', '务工地'], required: false },
    { key: 'guardianName', header: '监护人姓名', aliases: ['监护人'], required: false },
    { key: 'guardianRelation', header: '监护人关系', aliases: ['与监护人关系', '监护关系'], required: false },
    { key: 'guardianPhone', header: '监护人联系电话', aliases: ['监护人电话', '联系电话'], required: false },
    { key: 'health', header: '健康状况', aliases: ['健康情况'], required: false },
    { key: 'boarding', header: '是否寄宿', aliases: ['寄宿生', '是否住校'], required: false },
  ],
};

export const CARE_CATEGORIES = ['留守儿童', '孤儿', '事实无人抚养', '残疾', '随迁子女', '困境儿童'] as const;
export const MENTOR_KINDS = ['一对一', '一对多', '代理家长'] as const;
export const VISIT_KINDS = ['家访', '谈心', '电话', '视频'] as const;

export const CARE_LIST_HEADERS = ['学籍号', '姓名', '学校标识码', '类别', '帮扶教师', '本学期走访次数', '最近走访'];
export const CARE_REPORT_HEADERS = ['学校标识码', '学校名称', '关爱对象人数', '已结对人数', '已走访人数', '走访覆盖率'];
export const MINZHENG_HEADERS = ['姓名', '性别', '身份证件号', '出生日期', '户籍行政区划代码', '类别', '监护人姓名', '监护人关系', '监护人联系电话', '父母务工地', '健康状况', '学校名称', '学段', '年级', '帮扶教师'];
