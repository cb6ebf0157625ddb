import { describe, it, expect } from 'vitest';
import { FuzhiError } from './errors.ts';
import { fenToYuan, formatYuan, yuanToFen } from './money.ts';

describe('yuanToFen', () => {
  it.each([
    [1000, 100000], // 武汉 小学 生活费 1000/年
    [1250, 125000], // 初中 1250/年
    [625, 62500], // 1250 per year is 625 per term
    [0.29, 29],
    [0.1 + 0.2, 30],
    [1.01, 101],
    [-12.5, -1250],
    [0, 0],
    ['625.00', 62500],
    ['625', 62500],
    ['625.5', 62550],
    ['1,250', 125000],
    ['1250元', 125000],
    ['￥625.00', 62500],
    ['¥ 2,500.00', 250000],
    ['６２５', 62500],
    [' 3000 ', 300000],
    ['0.05', 5],
    ['1.500', 150],
    ['-12.50', -1250],
  ])('%s → %i fen', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it.each([['1.005'], [1.005], [''], ['abc'], ['12.5.1'], [Number.NaN], [Infinity], ['1e3'], [1e20]])(
    '%s is refused',
    (bad) => {
      expect(() => yuanToFen(bad)).toThrow(FuzhiError);
    },
  );
});

describe('fenToYuan and formatYuan', () => {
  it.each([
    [62500, 625, '625.00'],
    [125000, 1250, '1250.00'],
    [62550, 625.5, '625.50'],
    [5, 0.05, '0.05'],
    [0, 0, '0.00'],
    [-1250, -12.5, '-12.50'],
  ])('%i fen → %s yuan, "%s"', (fen, yuan, text) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(formatYuan(fen)).toBe(text);
  });
});
