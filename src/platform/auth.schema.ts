// Login, logout and "who am I": the shapes shared by the auth routes and the web client.
import { z } from 'zod';
import { ROLES } from './scope.ts';
import { PERMISSIONS } from './policy.ts';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const PasswordChangeBody = z.object({
  current: z.string().min(1).max(256),
  next: z.string().min(8).max(256),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const Me = z.object({
  username: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  /** the region's name (the code when it has none) */
  regionName: z.string().nullable(),
  schoolCode: z.string().nullable(),
  schoolName: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  /** sent back as x-csrf-token with every state-changing request */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;
