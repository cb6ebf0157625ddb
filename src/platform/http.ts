// What every route shares: the acting user of the request and the error body of the API.
import type { FastifyError, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FuzhiError } from '../kernel/errors.ts';
import type { Actor } from './scope.ts';
import { unauthenticated } from './session.service.ts';
import type { ErrorBody } from './api.schema.ts';
import type { RefKey } from './opaque-ref.ts';
import { redactIds } from './privacy.rules.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: (Actor & { displayName: string | null }) | null;
  }
  interface FastifyInstance {
    refKey: RefKey;
  }
}

/** The key of opaque references (opaque-ref.ts), loaded once when the server starts. */
export function refKeyOf(request: FastifyRequest): RefKey {
  return request.server.refKey;
}

/** Seconds a client should wait before retrying a request that met the import's write lock. */
export const BUSY_RETRY_AFTER_S = 5;

/** The signed-in user; 401 when there is none (routes behind the session hook always have one). */
export function actorOf(request: FastifyRequest): Actor & { displayName: string | null } {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

const zhLocale = z.locales.zhCN().localeError;

function zhIssue(issue: z.core.$ZodIssue): string {
  const m = (zhLocale as (i: unknown) => string | { message: string } | undefined)(issue);
  return typeof m === 'string' ? m : (m?.message ?? issue.message);
}

const STATUS_ZH: Record<number, [string, string]> = {
  400: ['请求无效', 'bad request'],
  401: ['请先登录', 'please log in'],
  403: ['无权访问', 'forbidden'],
  404: ['未找到', 'not found'],
  405: ['不支持的请求方法', 'method not allowed'],
  413: ['请求内容过大', 'request body too large'],
  415: ['不支持的内容类型', 'unsupported content type'],
};

/** Maps any error to the API's status and `{error:{code,message,messageEn,where}}`; never a stack. */
export function errorBody(err: unknown): { status: number; body: ErrorBody; internal: boolean } {
  if (err instanceof FuzhiError) {
    // a message may quote what the user sent (a typed 学籍号, a cell): no ID number leaves in it
    const e = err.toJSON();
    const where = e.where ? { ...e.where, ...(e.where.value === undefined ? {} : { value: redactIds(e.where.value) }) } : null;
    return { status: err.status, body: { error: { ...e, message: redactIds(e.message), messageEn: redactIds(e.messageEn), where } }, internal: false };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return {
      status: 503,
      internal: false,
      body: { error: { code: 'DB_BUSY', message: '数据库正忙（导入或比对进行中），请稍后重试，未做任何修改', messageEn: 'the database is busy (an import or match is running); retry later, nothing was changed', where: null } },
    };
  }
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const field = first?.path.join('.') || '请求';
    return {
      status: 400,
      internal: false,
      body: {
        error: {
          code: 'INVALID_INPUT',
          message: `参数“${field}”无效：${first ? zhIssue(first) : ''}`,
          messageEn: `invalid "${field}": ${first?.message ?? ''}`,
          where: { column: field },
        },
      },
    };
  }
  const fe = err as Partial<FastifyError>;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const [zh, en] = STATUS_ZH[status] ?? STATUS_ZH[400];
    return { status, internal: false, body: { error: { code: fe.code ?? 'BAD_REQUEST', message: zh, messageEn: `${en}: ${fe.message ?? ''}`, where: null } } };
  }
  return {
    status: 500,
    internal: true,
    body: { error: { code: 'INTERNAL', message: '服务器内部错误，操作未完成', messageEn: 'internal error; nothing was completed', where: null } },
  };
}
