// Who may do what, declared once per resource. Routes call `authorize`; nothing else checks roles.
// Data scope (which rows) is separate: see scope.ts, applied in the repositories.
import type { Actor, Role } from './scope.ts';
import { FuzhiError } from '../kernel/errors.ts';

const EVERYONE: readonly Role[] = ['admin', 'county', 'school', 'township', 'teacher', 'inspector'];

export const POLICIES = {
  student: {
    read: EVERYONE,
    /** full ID numbers: least exposure (个人信息保护法), only the bureau's own staff. */
    readFull: ['admin', 'county'],
  },
  school: { read: EVERYONE },
  match: {
    read: ['admin', 'county', 'school', 'township', 'inspector'],
    decide: ['admin', 'county', 'school'],
  },
  dashboard: { read: EVERYONE },
  audit: { read: ['admin', 'inspector'] },
  /** 控辍保学 cases: a teacher works on care children, not on the county's case ledger. */
  dropout: { read: ['admin', 'county', 'school', 'township', 'inspector'], readFull: ['admin', 'county'] },
  /** 关爱 children: a teacher sees those assigned to them (care.repository CareScope). */
  care: { read: EVERYONE, readFull: ['admin', 'county'] },
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
