// `fuzhi demo`: generates a synthetic county (dirty files, as real exports are), loads it and matches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { action, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';
import { schoolYearOption } from './registry.ts';
import { importList } from '../registry/import-list.ts';
import { runMatching } from '../registry/run-matching.ts';
import { countRows, upsertRegions } from '../registry/region.repository.ts';
import { cliActor } from '../platform/scope.ts';
import { usageError } from '../kernel/errors.ts';

export function register(program: Command): void {
  program
    .command('demo')
    .description('生成并导入一个模拟县的数据 / generate, load and match a synthetic demo county')
    .option('--households <n>', '户数 / number of households', '2000')
    .option('--seed <n>', '随机种子 / random seed', '20251')
    .option('--school-year <year>', '学年 / school year')
    .option('--out-dir <dir>', '生成文件存放目录 / where the generated files go')
    .option('--if-empty', '数据库已有学生时什么也不做 / do nothing when the database already has students')
    .action(
      action(async (opts: { households: string; seed: string; schoolYear?: string; outDir?: string; ifEmpty?: boolean }, cmd: Command) =>
        withDatabase(cmd, async (database) => {
          const households = Number(opts.households);
          if (!Number.isInteger(households) || households < 1 || households > 1_000_000) {
            throw usageError(`--households 应为 1 到 1000000 之间的整数：${opts.households}`, `--households must be an integer from 1 to 1000000: ${opts.households}`);
          }
          if (opts.ifEmpty && (await countRows(database.db, 'students')) > 0) {
            return { ok: true, skipped: true, reason: '数据库已有数据 / database already has data' };
          }
          const schoolYear = schoolYearOption(opts.schoolYear);
          const outDir = opts.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fuzhi-demo-'));
          fs.mkdirSync(outDir, { recursive: true });
          const bar = progressBar('生成');
          const { generateCounty } = await import('../demo/generate.ts');
          const county = await generateCounty({ households, seed: Number(opts.seed), schoolYear, outDir, onProgress: (d, t) => bar.update(d, t) });
          bar.stop();
          await upsertRegions(
            database.db,
            county.regions.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })),
          );
          const actor = cliActor();
          const imports: Record<string, unknown> = {};
          for (const kind of ['schools', 'students', 'households'] as const) {
            const s = await importList(database, { kind, file: county.files[kind], actor });
            imports[kind] = { inserted: s.inserted, updated: s.updated, rejected: s.rejected, warnings: s.warnings };
          }
          const match = await runMatching(database, { actor, schoolYear });
          const { truth: _t, regions: _r, ...rest } = county;
          return { ok: true, ...rest, outDir, imports, match };
        }),
      ),
    );
}
