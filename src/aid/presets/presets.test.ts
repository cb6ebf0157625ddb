// 依据 as a bureau reads it: every preset item, and so every entitlement it produces, cites the
// issuing body and the document's 《title》, then the clause and the quotation — never a seed number.
import { describe, expect, it } from 'vitest';
import { PRESETS } from './index.ts';
import { cite, documentName } from './preset.ts';
import { presetPolicy } from '../policy.rules.ts';
import { entitlementsFor, type AidStudent } from '../entitlement.rules.ts';
import { STAGES } from '../policy.schema.ts';

const Y = 2025;
const ISSUERS: Record<string, string> = { wuhan: '武汉市教育局', huangmei: '黄梅县某乡', rizhao: '日照市教育局', dingxi: '定西市教育局' };

function student(stage: string, boarding: boolean): AidStudent {
  return {
    studentNo: 'G513433201001010011', name: '张三', schoolCode: '2151000001', schoolName: '示范学校', schoolType: '小学',
    schoolRegion: '421127100000', countyCode: '421127', stage, grade: null, boarding, status: '在读', hukouRegion: null,
    lists: [{ listKind: '建档立卡', householdType: '未脱贫户', yearIdentified: 2014, yearExited: null }],
  };
}

describe('依据 of the presets', () => {
  it('cites like officials do', () => {
    expect(cite({ issuer: '黄梅县某乡', title: '教育精准扶贫工作方案' }, '二(一)1', '资助标准每人每年1000元')).toBe('黄梅县某乡《教育精准扶贫工作方案》二(一)1：“资助标准每人每年1000元”');
    expect(cite({ issuer: '三明市教育局', title: '2020年三明市教育脱贫攻坚工作要点', docNo: '明教财〔2020〕34号' }, '一、2', '……')).toBe('三明市教育局《2020年三明市教育脱贫攻坚工作要点》（明教财〔2020〕34号）一、2：“……”');
  });

  for (const [id, preset] of Object.entries(PRESETS)) {
    it(`${id}: no entitlement 依据 says 种子 or seed, each names the issuer and a 《title》 and quotes the text`, () => {
      expect(documentName(preset.document)).toBe(`${ISSUERS[id]}《${preset.document.title}》`);
      const policy = presetPolicy(preset, Y);
      const bases = new Set(policy.items.map((i) => i.basis));
      for (const stage of STAGES) {
        for (const boarding of [false, true]) {
          const r = entitlementsFor(policy, student(stage, boarding), { schoolYear: Y, term: '秋季', emergencies: [{ itemCode: `${id}-emergency`, fen: 50000, reason: '疫情致困' }] });
          for (const e of r.entitlements) bases.add(e.basis);
        }
      }
      expect(bases.size).toBeGreaterThan(3);
      for (const basis of bases) {
        expect(basis).not.toMatch(/种子|seed/i);
        expect(basis).toMatch(/^[^《]+《[^》]+》[^：]*：“.+”/);
        expect(basis.startsWith(ISSUERS[id]) || basis.startsWith('三明市教育局《')).toBe(true);
      }
      expect(preset.name).not.toMatch(/种子|seed/i);
    });
  }
});
