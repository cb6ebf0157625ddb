// The seed presets by name, as `fuzhi policy preset NAME` knows them.
import type { Preset } from './preset.ts';
import { wuhan } from './wuhan.ts';
import { huangmei } from './huangmei.ts';
import { rizhao } from './rizhao.ts';
import { dingxi } from './dingxi.ts';

export const PRESETS: Record<string, Preset> = { wuhan, huangmei, rizhao, dingxi };
export type { Preset };
