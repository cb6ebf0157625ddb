// Accounts: adding a user (validated, argon2-hashed, audited) and the first administrator.
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { conflict, FuzhiError, notFound, usageError } from '../kernel/errors.ts';
import { nowIso } from '../kernel/clock.ts';
import { recordAudit, regionOfUser } from './audit.repository.ts';
import { ROLES, type Actor, type Role } from './scope.ts';
import { countAdmins, deleteSessionsOf, findUser, insertUser, schoolExists, setDisabled, setPasswordHash } from './user.repository.ts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  county: '县级资助中心',
  school: '学校资助专干',
  township: '乡镇',
  teacher: '教师',
  inspector: '督导',
};

const NEEDS_REGION: readonly Role[] = ['county', 'township', 'inspector'];
const NEEDS_SCHOOL: readonly Role[] = ['school', 'teacher'];

export interface NewUser {
  username: string;
  role: string;
  password: string;
  region?: string | null;
  school?: string | null;
  displayName?: string | null;
}

/** 5134 → 513400000000: a GB/T 2260 code of 2, 4, 6, 9 or 12 digits padded to 12. */
export function normaliseRegion(code: string): string {
  const s = code.trim();
  if (!/^\d+$/.test(s) || ![2, 4, 6, 9, 12].includes(s.length)) {
    throw usageError(`行政区划代码“${s}”无效：应为 2、4、6、9 或 12 位数字`, `region code "${s}" is invalid: 2, 4, 6, 9 or 12 digits expected`);
  }
  return s.padEnd(12, '0');
}

function validate(input: NewUser): { role: Role; region: string | null; school: string | null } {
  if (!/^[\p{L}\p{N}_.@-]{2,64}$/u.test(input.username)) {
    throw usageError('用户名应为 2–64 个字母、数字或 _ . @ -', 'username must be 2–64 letters, digits or _ . @ -');
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw usageError(`角色“${input.role}”无效，可用：${ROLES.join(', ')}`, `unknown role "${input.role}"; use one of ${ROLES.join(', ')}`);
  }
  const role = input.role as Role;
  checkPasswordRules(input.password);
  const region = input.region ? normaliseRegion(input.region) : null;
  const school = input.school?.trim() || null;
  if (NEEDS_REGION.includes(role) && !region) {
    throw usageError(`角色 ${role} 需要 --region（所辖行政区划代码）`, `role ${role} needs --region (the region code it covers)`);
  }
  if (NEEDS_SCHOOL.includes(role) && !school) {
    throw usageError(`角色 ${role} 需要 --school（学校标识码）`, `role ${role} needs --school (the school code)`);
  }
  if (region && !NEEDS_REGION.includes(role)) {
    throw usageError(`角色 ${role} 不使用 --region`, `role ${role} takes no --region`);
  }
  if (school && !NEEDS_SCHOOL.includes(role)) {
    throw usageError(`角色 ${role} 不使用 --school`, `role ${role} takes no --school`);
  }
  if (school && !/^\d{10}$/.test(school)) {
    throw usageError(`学校标识码“${school}”无效：应为 10 位数字`, `school code "${school}" is invalid: 10 digits expected`);
  }
  return { role, region, school };
}

export async function addUser(
  db: Kysely<DB>,
  actor: Actor,
  input: NewUser,
): Promise<{ ok: true; username: string; role: Role; region: string | null; school: string | null; warnings: string[] }> {
  const { role, region, school } = validate(input);
  const warnings: string[] = [];
  if (school && !(await schoolExists(db, school))) {
    warnings.push(`学校 ${school} 尚未导入 / school ${school} has not been imported yet`);
  }
  const passwordHash = await hash(input.password);
  await db.transaction().execute(async (trx) => {
    if (await findUser(trx, input.username)) {
      throw conflict('USER_EXISTS', `用户“${input.username}”已存在`, `user "${input.username}" already exists`);
    }
    await insertUser(trx, {
      username: input.username,
      password_hash: passwordHash,
      role,
      region_code: region,
      school_code: school,
      display_name: input.displayName ?? null,
      disabled: 0,
      created_at: nowIso(),
    });
    await recordAudit(trx, {
      actor: actor.username,
      action: 'user.add',
      target: input.username,
      detail: { role, region, school },
      regions: await regionOfUser(trx, { region_code: region, school_code: school }),
    });
  });
  return { ok: true, username: input.username, role, region, school, warnings };
}

function checkPasswordRules(password: string): void {
  if (password.length < 8) throw usageError('密码至少 8 个字符', 'the password must have at least 8 characters');
  if (password.length > 256) throw usageError('密码不能超过 256 个字符', 'the password must have at most 256 characters');
}

async function existingUser(db: Kysely<DB>, username: string) {
  const user = await findUser(db, username);
  if (!user) throw notFound(`用户“${username}”不存在`, `no user "${username}"`);
  return user;
}

/**
 * `user disable` / `user enable`: a disabled account cannot log in and its sessions end at once.
 * The last enabled administrator cannot be disabled.
 */
export async function setUserEnabled(db: Kysely<DB>, actor: Actor, username: string, enabled: boolean): Promise<{ ok: true; username: string; disabled: boolean; sessionsEnded: number }> {
  const user = await existingUser(db, username);
  if (!enabled && user.role === 'admin' && user.disabled === 0 && (await countAdmins(db)) <= 1) {
    throw new FuzhiError('LAST_ADMIN', '不能停用唯一的管理员账号', 'the only administrator cannot be disabled');
  }
  await setDisabled(db, username, !enabled);
  const ended = enabled ? 0 : await deleteSessionsOf(db, username, null);
  if (enabled) await db.deleteFrom('login_attempts').where('key', '=', `user:${username.toLowerCase()}`).execute();
  await recordAudit(db, { actor: actor.username, action: enabled ? 'user.enable' : 'user.disable', target: username, regions: await regionOfUser(db, user), detail: { sessionsEnded: ended } });
  return { ok: true, username, disabled: !enabled, sessionsEnded: ended };
}

/** `user reset-password`: a new password set by an administrator; every session of the user ends. */
export async function resetPassword(db: Kysely<DB>, actor: Actor, username: string, password: string): Promise<{ ok: true; username: string; sessionsEnded: number }> {
  checkPasswordRules(password);
  const user = await existingUser(db, username);
  await setPasswordHash(db, username, await hash(password));
  const ended = await deleteSessionsOf(db, username, null);
  await db.deleteFrom('login_attempts').where('key', '=', `user:${username.toLowerCase()}`).execute();
  await recordAudit(db, { actor: actor.username, action: 'user.reset-password', target: username, regions: await regionOfUser(db, user), detail: { sessionsEnded: ended } });
  return { ok: true, username, sessionsEnded: ended };
}

/** `user revoke-sessions`: logs the user out everywhere. */
export async function revokeUserSessions(db: Kysely<DB>, actor: Actor, username: string): Promise<{ ok: true; username: string; sessionsEnded: number }> {
  const user = await existingUser(db, username);
  const ended = await deleteSessionsOf(db, username, null);
  await recordAudit(db, { actor: actor.username, action: 'user.revoke-sessions', target: username, regions: await regionOfUser(db, user), detail: { sessionsEnded: ended } });
  return { ok: true, username, sessionsEnded: ended };
}

/**
 * A user changes their own password: the current one is checked, the new one obeys the rules,
 * and every other session of the user ends (keepHash: the session making the change).
 */
export async function changeOwnPassword(db: Kysely<DB>, actor: Actor, current: string, next: string, keepHash: string | null): Promise<{ ok: true; sessionsEnded: number }> {
  checkPasswordRules(next);
  if (!(await checkPassword(db, actor.username, current))) {
    throw new FuzhiError('BAD_CREDENTIALS', '当前密码不正确', 'the current password is wrong', { status: 400 });
  }
  if (current === next) throw usageError('新密码不能与当前密码相同', 'the new password must differ from the current one');
  const user = await existingUser(db, actor.username);
  await setPasswordHash(db, actor.username, await hash(next));
  const ended = await deleteSessionsOf(db, actor.username, keepHash);
  await recordAudit(db, { actor: actor.username, action: 'user.password-change', target: actor.username, regions: await regionOfUser(db, user), detail: { sessionsEnded: ended } });
  return { ok: true, sessionsEnded: ended };
}

/** A user whose password matches, or null. Unknown users cost the same time as known ones. */
export async function checkPassword(db: Kysely<DB>, username: string, password: string): Promise<Actor | null> {
  const user = await findUser(db, username);
  const stored = user && user.disabled === 0 ? user.password_hash : await dummyHash();
  const ok = await verify(stored, password).catch(() => false);
  if (!ok || !user || user.disabled !== 0) return null;
  return { username: user.username, role: user.role as Role, regionCode: user.region_code, schoolCode: user.school_code };
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummy ??= hash(randomBytes(16).toString('hex'));
  return dummy;
}

/**
 * When no administrator exists, creates `admin` with FUZHI_ADMIN_PASSWORD or a random password
 * that is returned (to be shown once). Returns null when an administrator already exists.
 */
export async function ensureAdmin(db: Kysely<DB>, actor: Actor, env: NodeJS.ProcessEnv = process.env): Promise<{ username: string; password: string | null } | null> {
  if ((await countAdmins(db)) > 0) return null;
  const given = env.FUZHI_ADMIN_PASSWORD;
  const password = given || randomBytes(12).toString('base64url');
  await addUser(db, actor, { username: 'admin', role: 'admin', password, displayName: '系统管理员' });
  return { username: 'admin', password: given ? null : password };
}
