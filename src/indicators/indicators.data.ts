// Every indicator of domain.md §7 as data: 指标, 口径 (numerator, denominator, where the figures come
// from), the target and the policy passage it comes from, cited as officials cite (issuer《title》clause).
// Validated by IndicatorDefinition (indicators.rules.ts) when the module loads.
const GANLUO = '甘洛县《2017年度教育扶贫专项实施方案》（种子001 第一篇，依据《凉山州2017年教育扶贫专项实施方案》）';
const SICHUAN = '四川省某县《教育扶贫工作方案》（种子001 第二篇）';
const WUHAN = '武汉市教育局《教育精准扶贫工作计划》（种子000 篇一）';
const FUQUAN = '福泉市某中心学校《教育精准扶贫工作计划》（种子000 篇三）';
const RIZHAO = '日照市教育局《教育精准扶贫实施方案》（种子002 篇6）';
const DINGXI = '定西市教育局《教育支持精准扶贫实施方案》（种子004 篇3）';
/** Targets domain.md §7 lists whose figure none of the five seeds prints: said so, never invented. */
const DOMAIN = '扶智《领域说明》（domain.md）§7 所列目标（五份种子文件中未见该数字的原文，待县局补录文件依据）';

const ROSTER = '适龄儿童花名册（户籍）与学籍名单比对：按身份证件号，或 G 字头学籍号中的身份证号';

export const INDICATOR_DATA = [
  {
    code: 'preschool-enrolment', name: '学前三年毛入园率', unit: '%',
    numerator: '花名册中 9月1日满3–5周岁、学籍在读或休学的儿童数', denominator: '花名册中 9月1日满3–5周岁的儿童数',
    source: ROSTER, compute: 'preschool', target: { op: '>=', value: 85, note: '各地目标 85%–95%' },
    basis: `${GANLUO}一(一)2：“学前三年入园率达85%左右”；${WUHAN}三(三)：“农村地区学前三年毛入园率达到87%以上”；${RIZHAO}一：“学前三年教育毛入园率达到95%以上”`,
  },
  {
    code: 'primary-enrolment', name: '小学入学率', unit: '%',
    numerator: '花名册中 9月1日满6–11周岁、学籍在读或休学的儿童数', denominator: '花名册中 9月1日满6–11周岁的儿童数',
    source: ROSTER, compute: 'primary', target: { op: '>=', value: 99 },
    basis: `${GANLUO}一(二)：“小学学龄人口入学率达到99%以上”`,
  },
  {
    code: 'junior-enrolment', name: '初中入学率', unit: '%',
    numerator: '花名册中 9月1日满12–14周岁、学籍在读或休学的儿童数', denominator: '花名册中 9月1日满12–14周岁的儿童数',
    source: ROSTER, compute: 'junior', target: { op: '>=', value: 97 },
    basis: `${GANLUO}一(二)：“初中学龄人口入学率达到97%以上”`,
  },
  {
    code: 'compulsory-retention', name: '九年义务教育巩固率', unit: '%',
    numerator: '初中毕业班学生数', denominator: '该年级入小学一年级时的学生数',
    source: '人工填报（需历年学籍，按证据填报）', compute: null, target: { op: '>=', value: 75, note: '各地目标 75%–98%' },
    basis: `${GANLUO}一(二)：“九年义务教育阶段巩固率达到75%以上”；${RIZHAO}一：“贫困地区义务教育巩固率达到98%以上”`,
  },
  {
    code: 'senior-gross-enrolment', name: '高中阶段毛入学率', unit: '%',
    numerator: '学籍中高中、中职在读或休学学生数（不分年龄）', denominator: '花名册中 9月1日满15–17周岁的人数',
    source: '学籍名单（高中、中职）与适龄儿童花名册', compute: 'senior', target: { op: '>=', value: 90, note: '各地目标 90%–96%' },
    basis: `${WUHAN}三(三)：“高中阶段教育毛入学率达到90%以上”；${RIZHAO}一：“高中阶段毛入学率达到96%以上”`,
  },
  {
    code: 'vocational-share', name: '未升入普通高中的初中毕业生进入中职比例', unit: '%',
    numerator: '进入中职学校的初中毕业生数', denominator: '未升入普通高中的初中毕业生数',
    source: '人工填报（招生统计）', compute: null, target: { op: '>=', value: 60, note: '分年目标 60%、80%、90%' },
    basis: `${DOMAIN}；参见${DINGXI}：“贫困家庭初中毕业生进入中职学校和普通高中的比例大体相当”`,
  },
  {
    code: 'students-per-computer', name: '学生机比', unit: '人/台',
    numerator: '在校学生数', denominator: '学生用计算机台数',
    source: '人工填报（装备统计）', compute: null, target: { op: '<=', value: 7, note: '7:1' },
    basis: DOMAIN,
  },
  {
    code: 'primary-teacher-qualification', name: '小学（含幼儿园）教师专科以上学历比例', unit: '%',
    numerator: '幼儿园、小学、教学点教师中学历为专科及以上者', denominator: '幼儿园、小学、教学点教师数',
    source: '教师花名册（学历）与学校办学类型', compute: 'primaryQualification', target: { op: '>=', value: 80 },
    basis: `${GANLUO}二(四)4：“幼儿园、小学教师专科以上学历达到80%以上”`,
  },
  {
    code: 'junior-teacher-qualification', name: '初中教师本科以上学历比例', unit: '%',
    numerator: '初级中学、九年一贯制、完全中学教师中学历为本科及以上者', denominator: '初级中学、九年一贯制、完全中学教师数',
    source: '教师花名册（学历）与学校办学类型', compute: 'juniorQualification', target: { op: '>=', value: 60 },
    basis: `${GANLUO}二(四)4：“初中教师本科以上学历达到60%以上”`,
  },
  {
    code: 'teacher-learning-space', name: '网络学习空间教师实名注册率', unit: '%',
    numerator: '已实名注册网络学习空间的教师数', denominator: '在职教师数',
    source: '人工填报（人人通平台统计）', compute: null, target: { op: '>=', value: 100 },
    basis: `${DOMAIN}；参见${SICHUAN}二(一)6：“完成教师80%和初中以上学生60%的实名注册工作”，${GANLUO}二(二)4：“网络学习空间人人通注册教师达70%以上”`,
  },
  {
    code: 'student-learning-space', name: '网络学习空间学生（初中以上）实名注册率', unit: '%',
    numerator: '已实名注册网络学习空间的初中以上学生数', denominator: '初中以上在校学生数',
    source: '人工填报（人人通平台统计）', compute: null, target: { op: '>=', value: 60 },
    basis: `${SICHUAN}二(一)6：“完成教师80%和初中以上学生60%的实名注册工作”`,
  },
  {
    code: 'aid-coverage', name: '资助覆盖率（应助尽助）', unit: '%',
    numerator: '本学年已开始的学期（秋季、春季）应享现金资助中已发放的人次', denominator: '本学年已开始的学期应享现金资助人次',
    source: '应享资助名单与发放批次（fuzhi report coverage）', compute: 'aid', target: { op: '>=', value: 100 },
    basis: `${RIZHAO}一：“实现建档立卡家庭困难学生从学前教育到高等教育资助全覆盖”`,
  },
  {
    code: 'visit-coverage', name: '关爱对象走访覆盖率', unit: '%',
    numerator: '本学年已开始的各学期中已走访的关爱对象人次', denominator: '本学年已开始的各学期关爱对象人次',
    source: '关爱对象台账与走访记录（fuzhi report care）', compute: 'visits', target: { op: '>=', value: 100 },
    basis: `${FUQUAN}工作重点(一)3：“20xx年结队帮扶工作实现教育精准扶贫的50户贫困户和135名无人监管留守儿童遍访全覆盖”`,
  },
  {
    code: 'pairing-rate', name: '乡村中小学结对率', unit: '%',
    numerator: '已与城镇学校结对的乡村中小学、教学点数', denominator: '乡村中小学、教学点数（学校名单城乡类型含“乡”或“村”）',
    source: '学校名单与结对帮扶登记（fuzhi pairing add）', compute: 'pairing', target: { op: '>=', value: 100 },
    basis: `${RIZHAO}二(四)：“扶贫工作重点村中小学结对率达到100%”`,
  },
  {
    code: 'village-teacher-training', name: '乡村教师培训率', unit: '%',
    numerator: '本年度培训学时大于0的乡村教师数', denominator: '乡村教师数',
    source: '教师花名册（是否乡村教师、本年度培训学时）', compute: 'villageTraining', target: { op: '>=', value: 85 },
    basis: `${DOMAIN}；参见${GANLUO}二(四)4：“实施提升乡村教师能力素质工程。加大对教师的培养培训力度”`,
  },
  {
    code: 'teacher-continuing-hours', name: '教师继续教育学时达标率（每年≥80学时）', unit: '%',
    numerator: '本年度培训学时不低于80的教师数', denominator: '教师花名册中的教师数',
    source: '教师花名册（本年度培训学时）', compute: 'trainingHours', target: { op: '>=', value: 100 },
    basis: `${GANLUO}二(四)4：“校长、教师继续教育每人每年不低于80学时,参加省、州、县规范性培训不少于24学时”`,
  },
  {
    code: 'teacher-rotation', name: '教师交流轮岗比例', unit: '%',
    numerator: '本学年交流轮岗或支教的应交流教师数', denominator: '应交流教师数（任教满6年，特岗教师除外）',
    source: '教师花名册与教师交流登记（fuzhi teacher move）', compute: 'rotation', target: { op: '>=', value: 5, note: '各地目标 5%–10%，其中骨干教师 ≥30%' },
    basis: `${GANLUO}二(四)3：“每年交流轮换教师不低于在职教师总数的5%”；${RIZHAO}二(五)：“每学年教师交流轮岗比例不低于应交流教师总数的10%”`,
  },
] as const;
