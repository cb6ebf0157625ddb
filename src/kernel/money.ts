// Money as integer fen (分) so that sums over a county's ledger are exact; yuan only at the edges
// (spreadsheet input, printed 公示 lists and the 资金在线监管 export).
import { inputError } from './errors.ts';
import { toHalfWidth } from './values.ts';

function badMoney(value: string): never {
  throw inputError('MONEY_FORMAT', `金额“${value}”无法识别：应为元，最多两位小数`, `amount "${value}" not understood: yuan with at most two decimals`, { value });
}

const YUAN_TEXT = /^(-)?(\d+)(?:\.(\d*))?$/;

function fromText(text: string): number {
  let s = toHalfWidth(text).trim();
  // 黄梅 篇二 style tables write "1,250元" or "￥625.00".
  s = s.replace(/^[¥￥]/, '').replace(/元$/, '').replaceAll(',', '').trim();
  const m = YUAN_TEXT.exec(s);
  if (!m) badMoney(text);
  const decimals = m[3] ?? '';
  if (decimals.length > 2 && !/^0*$/.test(decimals.slice(2))) badMoney(text);
  const fen = Number(m[2]) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) badMoney(text);
  return m[1] ? -fen : fen;
}

export function yuanToFen(y: number | string): number {
  if (typeof y === 'string') return fromText(y);
  if (typeof y !== 'number' || !Number.isFinite(y)) badMoney(String(y));
  const fen = Math.round(y * 100);
  // 0.29 * 100 is 28.999999999999996: round, but refuse a third decimal that is really there.
  if (Math.abs(y * 100 - fen) > 1e-6 || !Number.isSafeInteger(fen)) badMoney(String(y));
  return fen === 0 ? 0 : fen;
}

export function fenToYuan(f: number): number {
  return f / 100;
}

export function formatYuan(f: number): string {
  const fen = Math.round(f);
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}
