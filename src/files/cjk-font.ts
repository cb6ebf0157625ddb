// The Chinese font every printable PDF embeds (公示 lists, 活动方案, the inspector's summary): shared
// by the capabilities that print, so none of them imports another for it.
import { createRequire } from 'node:module';
import { FuzhiError } from '../kernel/errors.ts';

/**
 * The whole Source Han Sans SC (= Noto Sans CJK SC; SIL OFL 1.1): all of URO and Ext A and the
 * Ext B–E characters of 通用规范汉字表, which rare characters in names need. Resolved from
 * node_modules at run time, from the source and from the CLI bundle in dist/cli alike.
 */
const FONT_MODULE = 'node-source-han-sans-sc/SourceHanSansSC-Regular.otf';

export function noticeFontFile(): string {
  try {
    return createRequire(import.meta.url).resolve(FONT_MODULE);
  } catch (e) {
    throw new FuzhiError(
      'AID_PDF_FONT',
      '找不到中文字体 node-source-han-sans-sc：请在项目目录中运行 npm ci',
      'Chinese font node-source-han-sans-sc not found: run npm ci in the project folder',
      { cause: e },
    );
  }
}
