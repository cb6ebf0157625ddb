import { describe, it, expect } from 'vitest';
import { nameDistance, nameKey, normalizeName } from './names.ts';

describe('normalizeName', () => {
  it.each([
    ['张三', '张三'],
    ['张　三', '张三'], // full-width space
    [' 张 三 ', '张三'],
    ['张\u00a0三', '张三'],
    ['张\u200b三\ufeff', '张三'],
    ['\t王小明\n', '王小明'],
    ['阿依·木呷', '阿依·木呷'],
    ['阿依 · 木呷', '阿依·木呷'],
    ['阿依•木呷', '阿依·木呷'],
    ['阿依・木呷', '阿依·木呷'],
    ['阿依‧木呷', '阿依·木呷'],
    ['阿依∙木呷', '阿依·木呷'],
    ['阿依⋅木呷', '阿依·木呷'],
    ['阿依･木呷', '阿依·木呷'],
    ['阿依．木呷', '阿依·木呷'],
    ['阿依.木呷', '阿依·木呷'],
    ['阿依··木呷', '阿依·木呷'],
    ['阿依·•木呷', '阿依·木呷'],
    ['·阿依·木呷·', '阿依·木呷'],
    ['买买提·艾力', '买买提·艾力'],
    ['吉克阿呷', '吉克阿呷'],
    ['"张三"', '张三'],
    ['“张三”', '张三'],
    ["'张三", '张三'],
    ['ＬＩ　Ｍｉｎｇ', 'LIMing'],
    ['J.K.', 'J.K'],
    ['张三(曾用名)', '张三(曾用名)'],
    ['', ''],
    ['   ', ''],
    [null, ''],
    [undefined, ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('nameKey (homophones written by different clerks)', () => {
  it.each([
    ['张伟', '章伟'],
    ['陈晨', '陈琛'],
    ['李娜', '李纳'],
    ['刘洋', '刘阳'],
    ['阿依·木呷', '阿依木呷'],
    ['吕小雨', '吕晓宇'],
  ])('%s and %s share a key', (a, b) => {
    expect(nameKey(normalizeName(a))).toBe(nameKey(normalizeName(b)));
  });

  it.each([
    ['张伟', 'zhangwei'],
    ['单雄信', 'shanxiongxin'], // surname 单 reads shàn
    ['曾国藩', 'zengguofan'], // surname 曾 reads zēng
    ['解缙', 'xiejin'], // surname 解 reads xiè
    ['区小明', 'ouxiaoming'],
    ['吕梅', 'lvmei'],
    ['阿依·木呷', 'ayimuxia'],
    ['Anna张', 'annazhang'],
    ['', ''],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it.each([
    ['张伟', '张玮玮'],
    ['王芳', '黄芳'],
    ['陈晨', '程晨'],
  ])('%s and %s differ', (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });

  it('gives the same key on a repeat (cache)', () => {
    expect(nameKey('曾国藩')).toBe(nameKey('曾国藩'));
  });
});

describe('nameDistance', () => {
  it.each([
    ['张伟', '张伟', 0],
    ['张伟', '章伟', 1],
    ['张伟', '张伟伟', 1],
    ['阿依木呷', '阿依·木呷', 1],
    ['王小明', '王明', 1],
    ['李四', '张三', 2],
    ['', '张三', 2],
    ['𠮷祥', '吉祥', 1],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(nameDistance(a, b)).toBe(d);
    expect(nameDistance(b, a)).toBe(d);
  });
});
