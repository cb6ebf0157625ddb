// The one error type of Fuzhi: a stable code, a Chinese and an English message, and where it happened.
// The CLI prints both messages and exits 1 or 2; the API maps it to a status and an error body.

export interface Where {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
}

/** exit 1: the command failed and changed nothing; exit 2: bad usage or an unreadable input. */
export type ExitCode = 1 | 2;

export class FuzhiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly messageEn: string;
  readonly where: Where | undefined;
  readonly exitCode: ExitCode;
  readonly status: number;

  constructor(
    code: string,
    messageZh: string,
    messageEn: string,
    opts: { where?: Where; exitCode?: ExitCode; status?: number; cause?: unknown } = {},
  ) {
    super(`${messageZh} / ${messageEn}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FuzhiError';
    this.code = code;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.where = opts.where;
    this.exitCode = opts.exitCode ?? 1;
    this.status = opts.status ?? 400;
  }

  /** "文件 a.csv 第 3 行 身份证件号 列（值 "x"）" — the place in words, Chinese and English. */
  describeWhere(): { zh: string; en: string } {
    const w = this.where;
    if (!w) return { zh: '', en: '' };
    const zh: string[] = [];
    const en: string[] = [];
    if (w.file) { zh.push(`文件 ${w.file}`); en.push(`file ${w.file}`); }
    if (w.row !== undefined) { zh.push(`第 ${w.row} 行`); en.push(`row ${w.row}`); }
    if (w.column) { zh.push(`“${w.column}”列`); en.push(`column "${w.column}"`); }
    if (w.value !== undefined) { zh.push(`值“${clip(w.value)}”`); en.push(`value "${clip(w.value)}"`); }
    return { zh: zh.join(' '), en: en.join(', ') };
  }

  toJSON(): { code: string; message: string; messageEn: string; where: Where | null } {
    return { code: this.code, message: this.messageZh, messageEn: this.messageEn, where: this.where ?? null };
  }
}

/** Values quoted in messages are clipped so that a 50 MB cell never floods a terminal. */
export function clip(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…(${value.length} 字符/chars)` : value;
}

export function usageError(zh: string, en: string, where?: Where): FuzhiError {
  return new FuzhiError('USAGE', zh, en, { where, exitCode: 2, status: 400 });
}

export function inputError(code: string, zh: string, en: string, where?: Where): FuzhiError {
  return new FuzhiError(code, zh, en, { where, exitCode: 2, status: 400 });
}

export function notFound(zh: string, en: string): FuzhiError {
  return new FuzhiError('NOT_FOUND', zh, en, { status: 404 });
}

export function conflict(code: string, zh: string, en: string): FuzhiError {
  return new FuzhiError(code, zh, en, { status: 409 });
}

/** An error as it crosses to another thread (structured clone keeps no class): see errorFromTransfer. */
export interface TransferredError {
  fuzhi: boolean;
  code?: string;
  zh?: string;
  en?: string;
  where?: Where;
  exitCode?: ExitCode;
  status?: number;
  message?: string;
  stack?: string;
}

export function errorToTransfer(e: unknown): TransferredError {
  if (e instanceof FuzhiError) return { fuzhi: true, code: e.code, zh: e.messageZh, en: e.messageEn, where: e.where, exitCode: e.exitCode, status: e.status };
  return { fuzhi: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
}

/** The FuzhiError (same code, messages, place and exit code) or plain Error that was sent. */
export function errorFromTransfer(t: TransferredError): Error {
  if (t.fuzhi) return new FuzhiError(t.code!, t.zh!, t.en!, { where: t.where, exitCode: t.exitCode, status: t.status });
  const err = new Error(t.message);
  if (t.stack) err.stack = t.stack;
  return err;
}
