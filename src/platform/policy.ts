// Who may do what, declared once per resource. Routes call `authorize`; nothing else checks roles.
// Data scope (which rows) is separate: see scope.ts, applied in the repositories.
import type { Actor, Role } from './scope.ts';
import { FuzhiError } from '../kernel/errors.ts';

const EVERYONE: readonly Role[] = ['admin', 'county', 'school', 'township', 'teacher', 'inspector'];

/**
 * What each role may see of each personal field, declared once beside the permissions below and
 * applied by the one presenter (presenter.ts) to API answers, exports, audit entries and logs:
 * - `full`: shown as it is;
 * - `onRequest`: masked unless the user asks for full details (`full=1`, `--full`), an audited read;
 * - `masked`: always masked (privacy.rules.ts);
 * - `hidden`: not sent at all.
 * A teacher sees no poverty status or household (the permission table denies it); the bureau's
 * own staff may read full IDs and bank numbers, each time on purpose and audited.
 */
export const FIELD_VISIBILITY = {
  /** 身份证件号, and any ID found in free text */
  idNumber: { admin: 'onRequest', county: 'onRequest', school: 'masked', township: 'masked', teacher: 'masked', inspector: 'masked' },
  /** 学籍号: G- and L-forms carry the ID number, so they follow it; J-numbers show as they are */
  studentNo: { admin: 'onRequest', county: 'onRequest', school: 'masked', township: 'masked', teacher: 'masked', inspector: 'masked' },
  /** 银行卡号 / 账号: only the bank file carries it in full */
  bankAccount: { admin: 'onRequest', county: 'onRequest', school: 'masked', township: 'hidden', teacher: 'hidden', inspector: 'masked' },
  /** 监护人联系电话: those who visit families call them */
  phone: { admin: 'full', county: 'full', school: 'full', township: 'full', teacher: 'full', inspector: 'masked' },
  /** 比对状态, 名单类别, 户类型: whether a child's family is registered poor */
  poverty: { admin: 'full', county: 'full', school: 'full', township: 'full', teacher: 'hidden', inspector: 'full' },
  /** 户编号, members and relations of the household */
  household: { admin: 'full', county: 'full', school: 'full', township: 'full', teacher: 'hidden', inspector: 'full' },
  /** 教师身份证件号 (教师花名册, 补助台账, 表彰): adults' IDs, read in full only by the bureau on purpose */
  teacherIdNumber: { admin: 'onRequest', county: 'onRequest', school: 'masked', township: 'masked', teacher: 'hidden', inspector: 'masked' },
  /** 户籍地址 */
  address: { admin: 'full', county: 'full', school: 'masked', township: 'full', teacher: 'hidden', inspector: 'masked' },
} as const satisfies Record<string, Record<Role, 'full' | 'onRequest' | 'masked' | 'hidden'>>;

export type PersonalField = keyof typeof FIELD_VISIBILITY;
export type Visibility = (typeof FIELD_VISIBILITY)[PersonalField][Role];

/** Roles that may ask for a field in full (an audited read). */
function rolesWithFull(field: PersonalField): Role[] {
  return EVERYONE.filter((r) => FIELD_VISIBILITY[field][r] === 'onRequest' || FIELD_VISIBILITY[field][r] === 'full');
}

export const POLICIES = {
  student: {
    read: EVERYONE,
    /** full ID numbers: least exposure (个人信息保护法), only the roles FIELD_VISIBILITY allows. */
    readFull: rolesWithFull('idNumber'),
  },
  school: { read: EVERYONE },
  match: {
    /** a match says the family is registered poor: the roles that may see poverty status */
    read: rolesWithFull('poverty'),
    decide: ['admin', 'county', 'school'],
  },
  user: {
    manage: ['admin'],
  },
  /**
   * 资助: batches and coverage are the county's work; a school reads its own rows, a township those of
   * its township's schools (coverage, entitlements, recognitions), read only
   */
  aid: {
    read: ['admin', 'county', 'school', 'township', 'inspector'],
    /** the money side — 审核上报, disbursement batches and their 公示, the ledger: not a township's (it reads the policy set, never changes it) */
    readFunds: ['admin', 'county', 'school', 'inspector'],
    manage: ['admin', 'county'],
    /** 审核甄别上报: a school submits its verified list of the term */
    submit: ['admin', 'school'],
    /** 家庭经济困难学生认定: a school records applications and decides tiers for its students */
    recognize: ['admin', 'county', 'school'],
  },
  /** imports and match runs started from the browser (persisted jobs) */
  job: {
    run: ['admin', 'county'],
    read: ['admin', 'county', 'inspector'],
  },
  dashboard: { read: EVERYONE },
  audit: { read: ['admin', 'inspector'] },
  /** 控辍保学 cases: a teacher works on care children, not on the county's case ledger. */
  dropout: {
    read: ['admin', 'county', 'school', 'township', 'inspector'],
    /** the money side — policy sets, 审核上报, disbursement batches and their 公示, the ledger: not a township's */
    readFunds: ['admin', 'county', 'school', 'inspector'],
    readFull: ['admin', 'county'],
    /** the steps of a case (close, confirm, assign, visit, return) within the user's scope */
    work: ['admin', 'county', 'township', 'school'],
  },
  /** 关爱 children: a teacher sees those assigned to them (care.repository CareScope). */
  care: { read: EVERYONE, readFull: ['admin', 'county'], visit: ['teacher', 'school', 'county'] },
  /** 项目台账: a school reads its own projects, the inspector reads; the county records spending */
  project: { read: ['admin', 'county', 'school', 'township', 'inspector'], manage: ['admin', 'county'] },
  /** 指标考核: read within scope; a county enters values the data does not give; the inspector's pack covers whole counties */
  indicator: { read: ['admin', 'county', 'school', 'township', 'inspector'], enter: ['admin', 'county'], pack: ['admin', 'county', 'inspector'] },
  /** 督导问责 records: read within scope; entered from the command line */
  supervision: { read: ['admin', 'county', 'school', 'township', 'inspector'] },
  /** 结对帮扶 households: a teacher sees only their own pairings (pairing.repository PairingScope). */
  pairing: { read: EVERYONE, visit: ['admin', 'county', 'township', 'school', 'teacher'], report: ['admin', 'county', 'township', 'school', 'inspector'] },
  /** 教师队伍: a school reads its own teachers, a township or county its region, the inspector reads; the county records moves, generates and pays the subsidies */
  teacher: { read: ['admin', 'county', 'school', 'township', 'inspector'], move: ['admin', 'county'], pay: ['admin', 'county'] },
  /** 活动记录 and 城乡学校结对帮扶: a school logs (edits, deletes) its own and its pairings' activities, the county its county's; the county pairs its schools; the inspector reads */
  activity: { read: ['admin', 'county', 'school', 'inspector'], record: ['admin', 'county', 'school'], pair: ['admin', 'county'] },
  /** 我的任务: the open work of the user (cases due, absences, children not yet visited) */
  task: { read: ['admin', 'county', 'township', 'school', 'teacher'] },
} as const satisfies Record<string, Record<string, readonly Role[]>>;

type Policies = typeof POLICIES;
export type Permission = {
  [R in keyof Policies]: `${R & string}.${keyof Policies[R] & string}`;
}[keyof Policies];

export const PERMISSIONS = Object.entries(POLICIES).flatMap(([resource, acts]) =>
  Object.keys(acts).map((a) => `${resource}.${a}` as Permission),
);

export function can(actor: Actor, permission: Permission): boolean {
  const [resource, act] = permission.split('.') as [keyof Policies, string];
  const roles = (POLICIES[resource] as Record<string, readonly Role[]>)[act];
  return roles?.includes(actor.role) ?? false;
}

/** Throws 403 unless the actor's role holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new FuzhiError('FORBIDDEN', `当前角色（${actor.role}）无权执行此操作：${permission}`, `role ${actor.role} may not ${permission}`, {
      status: 403,
    });
  }
}

/** The permissions an actor holds, sent to the web client so that it can hide what it cannot do. */
export function permissionsOf(actor: Actor): Permission[] {
  return PERMISSIONS.filter((p) => can(actor, p));
}
