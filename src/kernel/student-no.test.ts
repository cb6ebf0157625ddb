import { describe, it, expect } from 'vitest';
import { checkDigit } from './id-number.ts';
import { parseStudentNo } from './student-no.ts';
import type { StudentNoParse } from './student-no.ts';

const ID = `51343520120305122${checkDigit('51343520120305122')}`;
const X_ID = '11010519491231002X';

describe('parseStudentNo (全国学籍号)', () => {
  const cases: [string, unknown, StudentNoParse][] = [
    ['G + ID', `G${ID}`, { kind: 'G', value: `G${ID}`, embeddedId: ID }],
    ['lowercase g and x', 'g11010519491231002x', { kind: 'G', value: `G${X_ID}`, embeddedId: X_ID }],
    ['G with spaces and apostrophe', `'G ${ID.slice(0, 6)} ${ID.slice(6)}`, { kind: 'G', value: `G${ID}`, embeddedId: ID }],
    ['full-width Ｇ and digits', `Ｇ${ID.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`, { kind: 'G', value: `G${ID}`, embeddedId: ID }],
    ['G with a mistyped ID', `G${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`, { kind: 'G', value: `G${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`, embeddedId: null }],
    ['J + generated digits', 'J513435201200123', { kind: 'J', value: 'J513435201200123', embeddedId: null }],
    ['J from a quoted CSV cell', '"J513435201200123"', { kind: 'J', value: 'J513435201200123', embeddedId: null }],
    ['L with only 17 characters', 'L5134352012AB00123', { kind: 'other', value: 'L5134352012AB00123', embeddedId: null }],
    ['L + 18 characters', 'L5134352012AB001234', { kind: 'L', value: 'L5134352012AB001234', embeddedId: null }],
    ['bare ID number', ID, { kind: 'other', value: ID, embeddedId: null }],
    ['G too short', 'G51343520120305', { kind: 'other', value: 'G51343520120305', embeddedId: null }],
    ['J with letters', 'J5134A', { kind: 'other', value: 'J5134A', embeddedId: null }],
    ['school-internal number', 12345, { kind: 'other', value: '12345', embeddedId: null }],
    ['empty', '  ', { kind: 'other', value: null, embeddedId: null }],
    ['null', null, { kind: 'other', value: null, embeddedId: null }],
  ];
  it.each(cases)('%s', (_label, input, expected) => {
    expect(parseStudentNo(input)).toEqual(expected);
  });
});
