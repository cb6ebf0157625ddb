// Commands of the platform: `fuzhi user add` (accounts) and `fuzhi serve` (web app and HTTP API).
import type { Command } from 'commander';
import { action, globalsOf, printResult, withDatabase } from './context.ts';
import { openMigrated, resolveDatabaseOptions, SERVER_BUSY_DEADLINE_MS } from '../db/database.ts';
import { usageError } from '../kernel/errors.ts';
import { today, todayIsForced } from '../kernel/clock.ts';
import { allCounties, recordAudit } from '../platform/audit.repository.ts';
import { cliActor, ROLES } from '../platform/scope.ts';
import { addUser, ensureAdmin, resetPassword, revokeUserSessions, setUserEnabled } from '../platform/user.service.ts';

interface UserAddOptions {
  username: string;
  role: string;
  region?: string;
  school?: string;
  name?: string;
  passwordStdin?: boolean;
}

interface ServeOptions {
  port: string;
  host: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function readPassword(opts: { passwordStdin?: boolean }): Promise<string> {
  if (!opts.passwordStdin) {
    throw usageError('请用 --password-stdin 从标准输入提供密码（不在命令行上写密码）', 'give the password on standard input with --password-stdin (never on the command line)');
  }
  if (process.stdin.isTTY) process.stderr.write('密码 / password: ');
  const text = await readStdin();
  const password = text.replace(/\r?\n$/, '');
  if (!password) throw usageError('标准输入中没有密码', 'no password on standard input');
  return password;
}

export function register(program: Command): void {
  const user = program.command('user').description('账号管理 / accounts');
  user
    .command('add')
    .description('添加账号 / add an account')
    .requiredOption('--username <name>', '用户名 / user name')
    .requiredOption('--role <role>', `角色 / role: ${ROLES.join(', ')}`)
    .option('--region <code>', '所辖行政区划代码（county, township, inspector）/ region code')
    .option('--school <code>', '学校标识码（school, teacher）/ school code')
    .option('--name <display>', '显示名称 / display name')
    .option('--password-stdin', '从标准输入读取密码 / read the password from stdin')
    .action(
      action(async (opts: UserAddOptions, cmd: Command) => {
        const password = await readPassword(opts);
        return withDatabase(cmd, (database) =>
          addUser(database.db, cliActor(), {
            username: opts.username,
            role: opts.role,
            password,
            region: opts.region ?? null,
            school: opts.school ?? null,
            displayName: opts.name ?? null,
          }),
        );
      }),
    );

  user
    .command('disable <username>')
    .description('停用账号（立即结束其所有会话）/ disable an account and end its sessions')
    .action(action(async (username: string, _o: unknown, cmd: Command) => withDatabase(cmd, (d) => setUserEnabled(d.db, cliActor(), username, false))));
  user
    .command('enable <username>')
    .description('启用账号并解除登录锁定 / enable an account and lift its login lock')
    .action(action(async (username: string, _o: unknown, cmd: Command) => withDatabase(cmd, (d) => setUserEnabled(d.db, cliActor(), username, true))));
  user
    .command('reset-password <username>')
    .description('重置密码（结束其所有会话）/ set a new password and end every session')
    .option('--password-stdin', '从标准输入读取新密码 / read the new password from stdin')
    .action(
      action(async (username: string, o: { passwordStdin?: boolean }, cmd: Command) => {
        const password = await readPassword(o);
        return withDatabase(cmd, (d) => resetPassword(d.db, cliActor(), username, password));
      }),
    );
  user
    .command('revoke-sessions <username>')
    .description('结束该用户的所有会话 / log the user out everywhere')
    .action(action(async (username: string, _o: unknown, cmd: Command) => withDatabase(cmd, (d) => revokeUserSessions(d.db, cliActor(), username))));

  program
    .command('serve')
    .description('启动网页应用和 HTTP 接口 / serve the web application and the HTTP API')
    .option('--port <port>', '端口 / port', '3000')
    .option('--host <host>', '监听地址 / host', '127.0.0.1')
    .action(action((opts: ServeOptions, cmd: Command) => serve(opts, cmd)));
}

async function serve(opts: ServeOptions, cmd: Command): Promise<undefined> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`端口“${opts.port}”无效`, `invalid port "${opts.port}"`);
  }
  // Like withDatabase, but the database stays open for as long as the server runs.
  // a few SQLite connections, so that a request waiting for an import's write lock holds up no other
  const databaseOptions = resolveDatabaseOptions(globalsOf(cmd).db);
  const database = await openMigrated(databaseOptions, { pool: 4, busyDeadlineMs: SERVER_BUSY_DEADLINE_MS });
  try {
    const actor = cliActor();
    if (todayIsForced()) {
      await recordAudit(database.db, { actor: actor.username, action: 'clock.override', target: today(), regions: await allCounties(database.db), detail: { command: 'serve' } });
    }
    const created = await ensureAdmin(database.db, actor);
    if (created?.password) {
      process.stderr.write(
        `已创建管理员账号 admin，初始密码（仅显示这一次）：${created.password}\n` +
          `Created the administrator "admin"; initial password (shown only once): ${created.password}\n`,
      );
    } else if (created) {
      process.stderr.write('已用 FUZHI_ADMIN_PASSWORD 创建管理员账号 admin / created "admin" from FUZHI_ADMIN_PASSWORD\n');
    }
    const { buildServer } = await import('../platform/server.ts');
    const app = await buildServer(database, { logger: true, databaseOptions });
    const address = await app.listen({ port, host: opts.host });
    const url = address.replace('[::1]', 'localhost');
    process.stdout.write(`扶智已启动 / Fuzhi is serving at ${url}\n`);
    printResult({ ok: true, url, database: database.location });
    const stop = () => {
      void app.close().finally(() => void database.close());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    await database.close();
    throw e;
  }
  return undefined;
}
