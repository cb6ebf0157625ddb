// Accounts as the API shows them (账号管理): list query and item, the add form, the actions.
// Shared with the web client. Only administrators hold `user.manage` (policy.ts).
import { sortParam } from './list-sort.ts';
import { z } from 'zod';
import { optionalText, pageOf, PageQuery } from './api.schema.ts';
import { ROLES } from './scope.ts';

/** Columns the account list sorts by. */
export const USER_SORTS = ['username', 'role', 'createdAt', 'disabled'] as const;

export const UserListQuery = PageQuery.extend({
  q: optionalText(),
  role: z.enum(ROLES).optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  sort: sortParam(USER_SORTS),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserItem = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserItem = z.infer<typeof UserItem>;

export const UserList = pageOf(UserItem);
export type UserList = z.infer<typeof UserList>;

const blankToNull = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(max).nullable().optional());

/** The add form; user.service.ts checks the rest (role needs a region or a school, code formats). */
export const NewUserBody = z.object({
  username: z.string().trim().min(2).max(64),
  role: z.enum(ROLES),
  password: z.string().min(8).max(256),
  region: blankToNull(12),
  school: blankToNull(10),
  displayName: blankToNull(64),
});
export type NewUserBody = z.infer<typeof NewUserBody>;

export const UserParams = z.object({ username: z.string().min(1).max(64) });
export const ResetPasswordBody = z.object({ password: z.string().min(8).max(256) });

export const UserActionResult = z.object({ ok: z.literal(true), username: z.string(), sessionsEnded: z.number().optional(), disabled: z.boolean().optional() });
export type UserActionResult = z.infer<typeof UserActionResult>;
