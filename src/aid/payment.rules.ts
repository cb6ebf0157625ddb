// Pure checks and sums of paying aid: whose card a payment goes to (an auditor's classic finding is
// money on a card in nobody's name in the family), and the split of paid money by level of government.
export const GUARDIANS = ['父亲', '母亲', '父母', '监护人', '祖父', '祖母', '外祖父', '外祖母', '爷爷', '奶奶', '外公', '外婆'];

/** null when the card is the student's own or a guardian's; otherwise why it is flagged. */
export function cardFlag(studentName: string, holderName: string, relation: string): string | null {
  const same = holderName.replace(/\s/g, '') === studentName.replace(/\s/g, '');
  if (relation === '本人') return same ? null : `持卡人“${holderName}”与学生姓名不符`;
  if (GUARDIANS.includes(relation)) return same ? '关系为监护人，但持卡人姓名与学生相同' : null;
  return `持卡人与学生关系为“${relation || '未填写'}”，不是学生本人或监护人`;
}

/** A bank account number as banks print it: 12–19 digits once spaces and dashes are gone. */
export function cleanAccount(text: string): string | null {
  const s = text.replace(/[\s-]/g, '');
  return /^\d{12,19}$/.test(s) ? s : null;
}

export function maskAccount(account: string): string {
  return account.length <= 8 ? '****' : `${account.slice(0, 4)}${'*'.repeat(account.length - 8)}${account.slice(-4)}`;
}

export const LEVELS = ['中央', '省', '市', '县'] as const;

/** Splits an amount (fen) by percentage shares, the rounding remainder going to the last level; unset shares → 未分担. */
export function splitByLevel(fen: number, shares: Record<string, number>): Record<string, number> {
  const levels = LEVELS.filter((l) => (shares[l] ?? 0) > 0);
  if (levels.length === 0) return { 未分担: fen };
  const out: Record<string, number> = {};
  let left = fen;
  levels.forEach((l, i) => {
    const part = i === levels.length - 1 ? left : Math.floor((fen * shares[l]) / 100);
    out[l] = part;
    left -= part;
  });
  return out;
}

export interface LedgerLine {
  fundSource: string;
  itemName: string;
  amountFen: number;
  shares: Record<string, number>;
}

export interface LedgerRow {
  fundSource: string;
  itemName: string;
  count: number;
  fen: number;
  byLevel: Record<string, number>;
}

/** 台账 by fund source and item, with each level of government's part (专款专用). */
export function ledger(lines: LedgerLine[]): LedgerRow[] {
  const map = new Map<string, LedgerRow>();
  for (const l of lines) {
    const key = `${l.fundSource}|${l.itemName}`;
    const row = map.get(key) ?? { fundSource: l.fundSource, itemName: l.itemName, count: 0, fen: 0, byLevel: {} };
    row.count += 1;
    row.fen += l.amountFen;
    for (const [level, part] of Object.entries(splitByLevel(l.amountFen, l.shares))) row.byLevel[level] = (row.byLevel[level] ?? 0) + part;
    map.set(key, row);
  }
  return [...map.values()].sort((a, b) => (a.fundSource + a.itemName).localeCompare(b.fundSource + b.itemName, 'zh'));
}
