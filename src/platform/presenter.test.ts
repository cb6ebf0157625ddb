import { describe, expect, it } from 'vitest';
import { presentId, type Viewer } from './presenter.ts';

const as = (role: Viewer['role'], full = false): Viewer => ({ role, full });
const valid = { id_number: '513433201203051231', id_raw: '513433201203051231' };
const scientific = { id_number: null, id_raw: '5.13433E+17' };
const lostDigits = { id_number: null, id_raw: '513433199201011200' };

describe('presentId: one rule for a usable ID and for the cell of an unusable one', () => {
  it('masks a usable ID by the role, and shows it in full to an authorised full view', () => {
    expect(presentId(as('county'), 'idNumber', valid)).toBe('513433********1231');
    expect(presentId(as('county', true), 'idNumber', valid)).toBe('513433201203051231');
  });

  it('never shows the digits of an unusable cell to a masked view, whatever the role', () => {
    for (const role of ['admin', 'county', 'township', 'school', 'inspector'] as const) {
      const shown = presentId(as(role), 'idNumber', lostDigits);
      if (shown !== null) expect(shown).toBe('513433************');
      expect(presentId(as(role), 'idNumber', scientific) ?? '*.*****E+**').toBe('*.*****E+**');
    }
  });

  it('shows the cell as it arrived to a full view, so an officer can correct it', () => {
    expect(presentId(as('county', true), 'idNumber', lostDigits)).toBe('513433199201011200');
    expect(presentId(as('county', true), 'teacherIdNumber', scientific)).toBe('5.13433E+17');
  });

  it('shows nothing where the role sees nothing of the field, and nothing for no person', () => {
    expect(presentId(as('teacher'), 'teacherIdNumber', lostDigits)).toBeNull();
    expect(presentId(as('county'), 'idNumber', null)).toBeNull();
    expect(presentId(as('county'), 'idNumber', { id_number: null, id_raw: ' ' })).toBeNull();
  });
});
