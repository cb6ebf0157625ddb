// Personal names for matching 学籍 against 建档立卡: one spelling per name (spaces, middle-dot variants
// in Yi and other minority names), a homophone key (张伟 = 章伟), and an edit distance.
import { pinyin } from 'pinyin-pro';
import { cellText, isSpaceCode } from './values.ts';

const DOT = '·';

// Middle dots that input methods and fonts substitute for U+00B7 in 阿依·木呷-style names.
function isDotVariant(c: number): boolean {
  return (
    c === 0x00b7 ||
    c === 0x0387 ||
    c === 0x2022 ||
    c === 0x2027 ||
    c === 0x2219 ||
    c === 0x22c5 ||
    c === 0x2e31 ||
    c === 0x30fb ||
    c === 0xff0e ||
    c === 0xff65
  );
}

function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xd800 && c <= 0xdfff);
}

const QUOTES = '"\'“”‘’`「」『』';

function isPlainHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

function stripQuotes(s: string): string {
  while (s.length >= 2 && QUOTES.includes(s[0]) && QUOTES.includes(s[s.length - 1])) s = s.slice(1, -1);
  while (s.length >= 1 && QUOTES.includes(s[0])) s = s.slice(1);
  return s;
}

export function normalizeName(input: unknown): string {
  const text = typeof input === 'string' ? input : cellText(input);
  if (isPlainHan(text)) return text;
  let s = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) continue;
    if (isDotVariant(c)) s += DOT;
    else if (c >= 0xff01 && c <= 0xff5e) s += String.fromCharCode(c - 0xfee0);
    else s += text[i];
  }
  s = stripQuotes(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let ch = s[i];
    // A full stop between two Han characters is a middle dot typed on a plain keyboard.
    if (ch === '.' && i > 0 && i + 1 < s.length && isCjk(s.charCodeAt(i - 1)) && isCjk(s.charCodeAt(i + 1))) ch = DOT;
    if (ch === DOT || ch === '.') {
      if (out === '' || out.endsWith(DOT) || out.endsWith('.')) continue;
    }
    out += ch;
  }
  while (out.endsWith(DOT) || out.endsWith('.')) out = out.slice(0, -1);
  return out;
}

const MAX_CACHE = 200_000;
const keyCache = new Map<string, string>();
const charCache = new Map<string, string>();
const surnameCache = new Map<string, string>();

// Per character rather than per word, so that a character always gives the same key whatever its
// neighbours: the key is for finding the same child spelled twice, not for reading aloud.
function charReading(ch: string, head: boolean): string {
  const cache = head ? surnameCache : charCache;
  let p = cache.get(ch);
  if (p === undefined) {
    // Surname mode for the first character: 单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu, 朴 piao.
    p = head
      ? pinyin(ch, { toneType: 'none', v: true, mode: 'surname', surname: 'head' })
      : pinyin(ch, { toneType: 'none', v: true });
    p = p.toLowerCase();
    cache.set(ch, p);
  }
  return p;
}

/** Toneless pinyin of a normalized name without separators: 张伟 and 章伟 both give 'zhangwei'. */
export function nameKey(normalized: string): string {
  const hit = keyCache.get(normalized);
  if (hit !== undefined) return hit;
  let key = '';
  let head = true;
  for (const ch of normalized) {
    if (ch === DOT) continue;
    key += charReading(ch, head);
    head = false;
  }
  if (keyCache.size >= MAX_CACHE) keyCache.clear();
  keyCache.set(normalized, key);
  return key;
}

/** Levenshtein distance in characters (code points, so rare 𠮷-style characters count once). */
export function nameDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Array<number>(y.length + 1);
  let cur = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}
