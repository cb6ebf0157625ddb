// Table tests of the dirt functions: each kind of damage does what real exports do, and no more.
import { describe, expect, it } from 'vitest';
import { checkDigit, isValidId18 } from '../kernel/id-number.ts';
import { Rng } from './random.ts';
import { DIRT_RATES, dirtyId, dirtyName, excelDestroyed, excelSerial, formatDate } from './dirt.ts';
import { IdFactory, ageOn, birthForAge, legacy15 } from './people.ts';
import type { Person } from './people.ts';
import { classifyId } from './testkit.ts';

const ID = '513435201203051234'.slice(0, 17) + checkDigit('51343520120305123');

describe('dates', () => {
  it.each([
    ['iso', '2012-03-05'],
    ['slash', '2012/3/5'],
    ['compact', '20120305'],
    ['chinese', '2012年3月5日'],
    ['month', '2012-03'],
    ['serial', '40973'],
  ] as const)('%s → %s in CSV', (format, expected) => {
    expect(formatDate('2012-03-05', format, false)).toBe(expected);
  });

  it('writes real date cells and serial numbers in xlsx', () => {
    expect(formatDate('2012-03-05', 'cell', true)).toEqual(new Date('2012-03-05T00:00:00Z'));
    expect(formatDate('2012-03-05', 'serial', true)).toBe(40973);
    expect(excelSerial('1900-03-01')).toBe(61);
  });

  it('gives the asked age on 1 September', () => {
    const rng = new Rng(1);
    for (let age = 0; age < 90; age++) {
      for (let k = 0; k < 20; k++) expect(ageOn(birthForAge(rng, age, '2025-09-01'), '2025-09-01')).toBe(age);
    }
  });
});

describe('ID numbers', () => {
  it('are unique and valid, twins one or two sequence numbers apart', () => {
    const rng = new Rng(2);
    const ids = new IdFactory();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = ids.issue(rng, '513435', birthForAge(rng, i % 18, '2025-09-01'), i % 2 ? 'M' : 'F');
      expect(isValidId18(id)).toBe(true);
      expect(+id[16] % 2).toBe(i % 2);
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      const twin = ids.twin(rng, id, 'F');
      expect(twin.slice(0, 14)).toBe(id.slice(0, 14));
    }
  });

  it('are written Excel-destroyed as a number cell or as text', () => {
    const rng = new Rng(3);
    expect(excelDestroyed(rng, ID, true)).toBe(Number(ID));
    const texts = new Set(Array.from({ length: 20 }, () => excelDestroyed(rng, ID, false)));
    expect(texts).toEqual(new Set(['5.13435E+17', `${ID.slice(0, 15)}000`]));
  });

  it('take every damage at about its rate and only one damage at a time', () => {
    const rng = new Rng(4);
    const ids = new IdFactory();
    const counts: Record<string, number> = {};
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const id = ids.issue(rng, '513435', birthForAge(rng, 30 + (i % 40), '2025-09-01'), 'M');
      const cell = dirtyId(rng, id, { xlsx: false, allowLegacy: true, withoutG: false });
      const c = classifyId(String(cell), id);
      counts[c.kind] = (counts[c.kind] ?? 0) + 1;
      if (c.kind === 'typo' || c.kind === 'transposition') expect(isValidId18(String(cell).replace(/\D/g, ''))).toBe(false);
    }
    const r = DIRT_RATES.id;
    const expected: Record<string, number> = {
      empty: r.empty, truncated17: r.truncated17, legacy15: r.legacy15, typo: r.typo, transposition: r.transposition,
    };
    for (const [k, rate] of Object.entries(expected)) {
      expect(Math.abs((counts[k] ?? 0) / n - rate), k).toBeLessThan(Math.max(0.002, rate * 0.25));
    }
    expect(counts.other ?? 0).toBe(0);
  });

  it('converts to the legacy 15-digit form', () => {
    expect(legacy15('513435198001011234')).toBe('513435800101123');
  });
});

describe('names', () => {
  const person = (name: string, surname: string, style: Person['style']): Person =>
    ({ name, surname, style, sex: 'F', birth: '2012-03-05', id: ID, ethnicity: '彝族' });

  it('keep the surname when a homophone is swapped in', () => {
    const rng = new Rng(5);
    const p = person('张伟', '张', 'han');
    const written = new Set<string>();
    for (let i = 0; i < 20000; i++) written.add(dirtyName(rng, p).replace(/[\s\u3000]/g, ''));
    expect(written).toEqual(new Set(['张伟', '张韦', '张玮']));
  });

  it('vary the middle dot of Yi names and add one now and then', () => {
    const rng = new Rng(6);
    const dotted = new Set<string>();
    const plain = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      dotted.add(dirtyName(rng, person('阿依·木呷', '阿依', 'yi')).replace(/[\s\u3000]/g, ''));
      plain.add(dirtyName(rng, person('吉克阿呷', '吉克', 'yi')).replace(/[\s\u3000]/g, ''));
    }
    for (const v of ['阿依·木呷', '阿依•木呷', '阿依・木呷', '阿依木呷']) expect(dotted).toContain(v);
    expect(plain).toContain('吉克·阿呷');
  });

  it('pad two-character names in the middle', () => {
    const rng = new Rng(7);
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(dirtyName(rng, person('唐兵', '唐', 'han')));
    expect(seen).toContain('唐 兵');
    expect(seen).toContain('唐\u3000兵');
  });
});
