// The `fuzhi` command line: one file per command group, each calling services.
import { Command, CommanderError } from 'commander';
import { action, withDatabase } from './context.ts';
import { migrate } from '../db/database.ts';
import * as registry from './registry.ts';
import * as demo from './demo.ts';
import * as platform from './platform.ts';
import * as aid from './aid.ts';
import * as dropout from './dropout.ts';
import * as care from './care.ts';
import * as schools from './schools.ts';
import * as indicators from './indicators.ts';
import * as projects from './projects.ts';

const program = new Command();
program
  .name('fuzhi')
  .description('扶智 Fuzhi — 教育精准扶贫 / education-targeted poverty alleviation')
  .option('--db <path>', 'SQLite 数据库文件 / SQLite database file (default ./data/fuzhi.db; DATABASE_URL selects PostgreSQL)')
  .showHelpAfterError()
  .exitOverride();

program
  .command('init')
  .description('创建或迁移数据库 / create or migrate the database')
  .action(
    action(async (_opts: unknown, cmd: Command) =>
      withDatabase(cmd, async (database) => ({
        ok: true,
        dialect: database.dialect,
        database: database.location,
        applied: database.applied.concat(await migrate(database)),
      })),
    ),
  );

for (const group of [registry, demo, platform, aid, dropout, care, schools, indicators, projects]) group.register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    throw e;
  }
}
