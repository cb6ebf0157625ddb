// The aid pages of the console: 政策设置 (GET/POST /api/aid/policy, items added, edited, retired;
// deadlines; its tables paged: GET /api/aid/policy/items, /api/aid/policy/history), 资助名单
// (GET /api/aid/entitlements, POST /api/aid/entitlements/compute as a job), 资助台账 (GET
// /api/aid/ledger; its tables paged: /api/aid/ledger/sources, /api/aid/ledger/schools) and the
// supervision export (GET /api/aid/supervision). 困难认定
// lives in recognition.routes.ts. Each step calls the same use case as the command line.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { nowIso, today } from '../kernel/clock.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { writeTable } from '../files/write-table.ts';
import { recordAudit } from '../platform/audit.repository.ts';
import { canonicalStage } from '../kernel/stage.ts';
import { fenToYuan } from '../kernel/money.ts';
import { shanghaiDateTime } from '../kernel/dates.ts';
import { actorOf } from '../platform/http.ts';
import { answerList, EXPORT_MAX_ROWS, type ListSpec } from '../platform/list-export.ts';
import { by, pageRows } from '../platform/list-memory.ts';
import { authorize } from '../platform/policy.ts';
import { present, viewerOf } from '../platform/presenter.ts';
import { regionPrefix, scopeOf, type Actor } from '../platform/scope.ts';
import { regionNames } from '../platform/region.repository.ts';
import { startCommandJob, type JobContext } from '../platform/jobs.service.ts';
import { toItem as jobItem } from '../platform/jobs.routes.ts';
import {
  ComputeBody,
  DeadlineBody,
  ENTITLEMENT_EXPORT_LIMIT,
  EntitlementQuery,
  ItemBody,
  ItemParams,
  LedgerQuery,
  LedgerTableQuery,
  PolicyBuildBody,
  PolicyHistoryQuery,
  PolicyItemsQuery,
  PolicyQuery,
  RetireBody,
  SupervisionQuery,
  type EntitlementList,
  type LedgerView,
  type PolicyChange,
  type PolicyView,
} from './aid-pages.schema.ts';
import { sendWritten } from './batch.routes.ts';
import { computeEntitlements } from './compute-entitlements.ts';
import { entitlementsPage } from './entitlement.repository.ts';
import { buildPolicySet, editPolicy, type PolicyEdit } from './manage-policy.ts';
import { paidLines } from './batch.repository.ts';
import { amountHistory, amountWords, itemFromInput } from './policy-item.rules.ts';
import { findItem, policySetFor } from './policy.rules.ts';
import { pendingReason, type PolicySet } from './policy.schema.ts';
import { policySetsOfYear, policyVersions, regionOfSchool } from './policy.repository.ts';
import { LEVELS, ledger, splitByLevel } from './payment.rules.ts';
import { exportSupervision } from './report-ledger.ts';
import { recognitionRoutes } from './recognition.routes.ts';

/** The region whose set this user works on: an administrator names it (default: the whole database); a county its own. */
function ownRegion(actor: Actor, asked: string | undefined): string | null {
  if (actor.role === 'admin') return asked ?? null;
  return actor.regionCode ? regionPrefix(actor.regionCode) : null;
}

/** The set shown to this user: the one of its region, else the one that applies to it (most specific first), else one inside its region. */
async function setFor(database: Database, actor: Actor, schoolYear: number, asked: string | undefined) {
  const sets = await policySetsOfYear(database.db, schoolYear);
  const own = ownRegion(actor, asked);
  if (actor.role === 'admin') return { stored: sets.find((s) => s.policy.regionCode === own), own, editable: true };
  // a school user's place is its school's region (schools.region_code), not its school code
  const place = own ?? (actor.schoolCode ? ((await regionOfSchool(database.db, actor.schoolCode)) ?? '') : '');
  // else (a user above a county) the set of a region inside its own — never another county's set
  const inside = actor.role === 'school' || !own ? undefined : sets.find((s) => s.policy.regionCode?.startsWith(own));
  const applies = policySetFor(sets.map((s) => s.policy), place);
  const stored = sets.find((s) => s.policy === applies) ?? inside;
  const editable = actor.role === 'county' && own !== null && (stored === undefined || stored.policy.regionCode === own);
  return { stored, own, editable };
}

async function editTarget(database: Database, actor: Actor, schoolYear: number, asked: string | undefined): Promise<string | null> {
  authorize(actor, 'aid.manage');
  const t = await setFor(database, actor, schoolYear, asked);
  if (!t.stored) throw new FuzhiError('AID_NO_POLICY', `${schoolYear} 学年尚无本地区的资助政策：请先从预设或空白建立`, `no aid policy for ${schoolYear} in your region: build one from a preset or from nothing`, { status: 404 });
  if (!t.editable) {
    throw new FuzhiError('FORBIDDEN', '这套政策适用于多个地区，只能由管理员修改；请为本县建立自己的政策', 'this policy set covers several regions and only an administrator may change it; build your county\'s own set', { status: 403 });
  }
  return t.stored.policy.regionCode;
}

function itemView(p: PolicySet, versions: Awaited<ReturnType<typeof policyVersions>>) {
  return p.items.map((i) => ({
    code: i.code,
    name: i.name,
    kind: i.kind,
    stages: [...i.stages],
    per: i.amount.per,
    yuan: i.amount.per === 'actual' || i.amount.fen === null ? null : fenToYuan(i.amount.fen),
    amount: amountWords(i),
    conditions: {
      lists: [...i.conditions.lists],
      householdTypes: i.conditions.householdTypes ?? null,
      tiers: [...i.conditions.tiers],
      boardingOnly: i.conditions.boardingOnly,
      schoolTypes: i.conditions.schoolTypes ?? null,
      location: i.conditions.location,
      schoolCodes: i.conditions.schoolCodes ?? null,
    },
    fundSource: i.funding.source,
    shares: i.funding.shares,
    outOfAreaPayer: i.outOfAreaPayer,
    basis: i.basis,
    pending: i.retired ? null : pendingReason(i),
    retired: i.retired ?? null,
    amountHistory: amountHistory(versions, i.code),
  }));
}

type ItemRow = PolicyView['items'][number];
type LedgerRow = LedgerView['bySchool'][number] | (LedgerView['bySource'][number] & { schoolCode?: undefined; schoolName?: undefined });

/** 资助政策项目.xlsx: the items as the policy table shows them. */
const POLICY_EXPORT: ListSpec<ItemRow> = {
  name: '资助政策项目',
  columns: [
    { header: '代码', value: (i) => i.code, text: true },
    { header: '项目', value: (i) => i.name },
    { header: '类别', value: (i) => i.kind },
    { header: '学段', value: (i) => i.stages.join('、') },
    { header: '标准', value: (i) => i.amount },
    { header: '资金来源', value: (i) => i.fundSource },
    { header: '政策依据', value: (i) => i.basis },
    { header: '状态', value: (i) => (i.retired ? `已停用：${i.retired.reason}` : (i.pending ?? '在用')) },
  ],
};

const LEDGER_LEVELS = ['中央', '省', '市', '县', '未分担'] as const;
/** 资助台账.xlsx: by school or by fund source and item, each level's share. */
const ledgerExport = (table: 'source' | 'school'): ListSpec<LedgerRow> => ({
  name: table === 'school' ? '资助台账-按学校' : '资助台账-按资金来源',
  columns: [
    ...(table === 'school'
      ? [{ header: '学校标识码', value: (r: LedgerRow) => r.schoolCode, text: true }, { header: '学校', value: (r: LedgerRow) => r.schoolName }]
      : [{ header: '资金来源', value: (r: LedgerRow) => ('fundSource' in r ? r.fundSource : '') }, { header: '资助项目', value: (r: LedgerRow) => ('itemName' in r ? r.itemName : '') }]),
    { header: '人次', value: (r) => r.count },
    { header: '金额（元）', value: (r) => r.amount },
    ...LEDGER_LEVELS.map((l) => ({ header: `${l === '未分担' ? '未规定分担' : `${l}级`}（元）`, value: (r: LedgerRow) => r.byLevel[l] })),
  ],
});

/** One page of rows already sorted (an export asks page after page). */
const slice = <T>(rows: T[], q: { page: number; pageSize: number }) => ({ items: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: rows.length });

/** 资助政策修改记录.xlsx */
const HISTORY_EXPORT: ListSpec<PolicyChange> = {
  name: '资助政策修改记录',
  columns: [
    { header: '版本', value: (h) => h.version },
    { header: '修改内容', value: (h) => h.change },
    { header: '原因', value: (h) => h.reason },
    { header: '修改人', value: (h) => h.actor },
    { header: '时间', value: (h) => shanghaiDateTime(h.at), text: true },
  ],
};

/** The items in the order asked (the set's own order when none is). */
const pageItems = (items: readonly ItemRow[], q: { page: number; pageSize: number; sort?: PolicyItemsQuery['sort'] }) =>
  pageRows(items, q, { code: by((i) => i.code), name: by((i) => i.name), kind: by((i) => i.kind), yuan: by((i) => i.yuan), fundSource: by((i) => i.fundSource) });

const itemState = (i: ItemRow) => (i.retired ? 'retired' : i.pending ? 'pending' : 'active');
const itemFilter = (q: PolicyItemsQuery) => (i: ItemRow) => {
  const text = q.q?.toLowerCase();
  return (!text || i.name.toLowerCase().includes(text) || i.code.includes(text)) && (!q.kind || i.kind === q.kind) && (!q.state || itemState(i) === q.state);
};

type LedgerSort = LedgerTableQuery['sort'];

const zeroLevels = () => ({ 中央: 0, 省: 0, 市: 0, 县: 0, 未分担: 0 });

export function aidPageRoutes(app: FastifyInstance, database: Database, jobs: JobContext | null): void {
  const db = database.db;

  /** The set this user sees (items in the set's order, history newest first). */
  const policyOf = async (actor: Actor, schoolYear: number, region: string | undefined): Promise<PolicyView> => {
    const { stored, own, editable } = await setFor(database, actor, schoolYear, region);
    const regionName = async (code: string | null) => (code ? (await regionNames(db, [code])).label(code) : null);
    if (!stored) return { exists: false, editable, schoolYear, regionCode: own, regionName: await regionName(own), name: null, preset: null, version: 0, deadlines: {}, items: [], history: [] };
    const versions = await policyVersions(db, stored.id);
    const p = stored.policy;
    return {
      exists: true, editable, schoolYear: p.schoolYear, regionCode: p.regionCode, regionName: await regionName(p.regionCode), name: p.name, preset: p.preset, version: stored.version, deadlines: p.deadlines,
      items: itemView(p, versions),
      history: versions.map((v) => ({ version: v.version, change: v.change, reason: v.reason, actor: v.actor, at: v.at })).reverse(),
    };
  };

  app.get('/api/aid/policy', async (request, reply): Promise<PolicyView | FastifyReply> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read'); // read only: a township filters its entitlements by the items of the set
    const q = PolicyQuery.parse(request.query);
    const view = await policyOf(actor, q.schoolYear, q.region);
    const items = pageItems(view.items, { page: 1, pageSize: EXPORT_MAX_ROWS, sort: q.sort }).items;
    // the xlsx: the items as the table shows them, in its order
    if (q.format === 'xlsx') return answerList(request, reply, db, { page: 1, pageSize: EXPORT_MAX_ROWS, schoolYear: q.schoolYear, region: q.region, sort: q.sort }, (pq) => Promise.resolve(slice(items, pq)), POLICY_EXPORT) as Promise<FastifyReply>;
    return { ...view, items };
  });

  // the policy page's two tables, paged on the server (and as xlsx, what the table shows)
  app.get('/api/aid/policy/items', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const query = PolicyItemsQuery.parse(request.query);
    const view = await policyOf(actor, query.schoolYear, query.region);
    const list = (q: PolicyItemsQuery) => Promise.resolve(pageItems(view.items.filter(itemFilter(q)), q));
    return answerList(request, reply, db, query, list, POLICY_EXPORT);
  });

  app.get('/api/aid/policy/history', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const query = PolicyHistoryQuery.parse(request.query);
    const { history } = await policyOf(actor, query.schoolYear, query.region);
    return answerList(request, reply, db, query, (q) => Promise.resolve(slice(history, q)), HISTORY_EXPORT);
  });

  app.post('/api/aid/policy', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const b = PolicyBuildBody.parse(request.body);
    const region = ownRegion(actor, b.region);
    if (actor.role !== 'admin' && region === null) throw new FuzhiError('FORBIDDEN', '账号没有所属地区，不能建立政策', 'the account has no region', { status: 403 });
    return reply.status(201).send(await buildPolicySet(database, { schoolYear: b.schoolYear, regionCode: region, preset: b.preset, name: b.name, actor }));
  });

  const edit = async (request: FastifyRequest, o: { schoolYear: number; region?: string; reason?: string }, e: (regionCode: string | null) => Promise<PolicyEdit> | PolicyEdit) => {
    const actor = actorOf(request);
    const regionCode = await editTarget(database, actor, o.schoolYear, o.region);
    return editPolicy(database, { schoolYear: o.schoolYear, regionCode, edit: await e(regionCode), reason: o.reason ?? null, actor });
  };

  app.post('/api/aid/policy/items', async (request, reply) => {
    const b = ItemBody.parse(request.body);
    return reply.status(201).send(await edit(request, b, () => ({ kind: 'add', item: itemFromInput(b) })));
  });

  app.post('/api/aid/policy/items/:code', async (request) => {
    const { code } = ItemParams.parse(request.params);
    const b = ItemBody.parse(request.body);
    return edit(request, b, async (regionCode) => {
      const stored = (await policySetsOfYear(db, b.schoolYear)).find((s) => s.policy.regionCode === regionCode)!;
      return { kind: 'update', code, item: itemFromInput({ ...b, code }, findItem(stored.policy, code)) };
    });
  });

  app.post('/api/aid/policy/items/:code/retire', async (request) => {
    const { code } = ItemParams.parse(request.params);
    const b = RetireBody.parse(request.body);
    const actor = actorOf(request);
    return edit(request, b, () => ({ kind: 'retire', code, at: nowIso(), by: actor.username, reason: b.reason }));
  });

  app.post('/api/aid/policy/deadline', async (request) => {
    const b = DeadlineBody.parse(request.body);
    return edit(request, b, () => ({ kind: 'deadline', term: b.term, date: b.date }));
  });

  app.get('/api/aid/entitlements', async (request, reply): Promise<EntitlementList | FastifyReply> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.read');
    const q = EntitlementQuery.parse(request.query);
    const stage = q.stage ? canonicalStage(q.stage) : null;
    if (q.stage && !stage) throw new FuzhiError('USAGE', `学段“${q.stage}”无法识别`, `unknown stage "${q.stage}"`, { status: 400 });
    const v = viewerOf(actor);
    if (q.format === 'xlsx') {
      // what the table shows, every page: masked by the presenter, and the export audited
      const all = await entitlementsPage(db, { ...q, stage }, scopeOf(actor), 1, ENTITLEMENT_EXPORT_LIMIT);
      await recordAudit(db, { actor: actor.username, action: 'export.entitlements', target: `${q.schoolYear} ${q.term}`, regions: [actor.regionCode], detail: { rows: all.rows.length, school: q.school, item: q.item, stage } });
      return sendWritten(reply, `资助名单-${q.schoolYear}${q.term}.xlsx`, (file) =>
        writeTable(
          file,
          ['学籍号', '姓名', '学校标识码', '学校名称', '学段', '年级', '资助项目', '金额', '依据', '政策依据', '状态'],
          all.rows.map((r) => [present(v, 'studentNo', r.student_no) ?? '', r.name, r.school_code, r.school_name, r.stage ?? '', r.grade ?? '', r.item_name, r.cash ? fenToYuan(r.amount_fen ?? 0) : '据实', r.reason, r.basis, r.status === 'active' ? '应享' : `已停止：${r.stop_reason ?? ''}`]),
          { sheetName: '资助名单', textColumns: [0, 2] },
        ));
    }
    const { rows, total, amountFen } = await entitlementsPage(db, { ...q, stage }, scopeOf(actor), q.page, q.pageSize);
    return {
      total,
      amount: fenToYuan(amountFen),
      items: rows.map((r) => ({
        studentNo: present(v, 'studentNo', r.student_no) ?? '', name: r.name, schoolCode: r.school_code, schoolName: r.school_name, stage: r.stage, grade: r.grade,
        itemCode: r.item_code, itemName: r.item_name, kind: r.kind, amount: r.cash ? fenToYuan(r.amount_fen ?? 0) : null, reason: r.reason, basis: r.basis,
        status: r.status, stopReason: r.stop_reason,
      })),
    };
  });

  // (re)computing a term: a persisted job running `fuzhi entitle` when the server has jobs, else at once
  app.post('/api/aid/entitlements/compute', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.manage');
    const b = ComputeBody.parse(request.body);
    // a county recomputes its own students only, never another county's
    const scope = scopeOf(actor);
    if (jobs) {
      const job = await startCommandJob(jobs, actor, {
        kind: 'entitle', params: { schoolYear: b.schoolYear, term: b.term, title: `${b.schoolYear}学年${b.term} 计算应享资助` },
        args: ['entitle', '--school-year', String(b.schoolYear), '--term', b.term, ...(scope.kind === 'region' ? ['--within', scope.prefix] : [])], audit: 'job.entitle', target: `${b.schoolYear} ${b.term}`,
      });
      return reply.status(202).send({ job: jobItem(job), result: null });
    }
    return reply.status(200).send({ job: null, result: await computeEntitlements(database, { schoolYear: b.schoolYear, term: b.term, actor, today: today(), scope }) });
  });

  /** Money paid (已发放 rows) in the actor's scope: totals, and the two tables sorted as asked. */
  const ledgerOf = async (actor: Actor, q: { schoolYear: number; term?: string; sort?: LedgerSort }): Promise<LedgerView> => {
    const lines = await paidLines(db, q.schoolYear, q.term ?? null, scopeOf(actor));
    const yuanLevels = (byLevel: Record<string, number>) => {
      const out = zeroLevels();
      for (const k of [...LEVELS, '未分担'] as const) out[k] = fenToYuan(byLevel[k] ?? 0);
      return out;
    };
    const parsed = lines.map((l) => ({ fundSource: l.fund_source, itemName: l.item_name, amountFen: l.amount_fen, shares: JSON.parse(l.shares_json) as Record<string, number>, school: l.school_code, schoolName: l.school_name }));
    const schools = new Map<string, { schoolCode: string; schoolName: string; count: number; fen: number; byLevel: Record<string, number> }>();
    const total: Record<string, number> = {};
    for (const l of parsed) {
      const s = schools.get(l.school) ?? { schoolCode: l.school, schoolName: l.schoolName, count: 0, fen: 0, byLevel: {} };
      s.count += 1;
      s.fen += l.amountFen;
      for (const [k, f] of Object.entries(splitByLevel(l.amountFen, l.shares))) {
        s.byLevel[k] = (s.byLevel[k] ?? 0) + f;
        total[k] = (total[k] ?? 0) + f;
      }
      schools.set(l.school, s);
    }
    const sorted = <T extends { count: number; amount: number }>(rows: T[], name: (r: T) => string) =>
      pageRows(rows, { page: 1, pageSize: EXPORT_MAX_ROWS, sort: q.sort }, { name: by(name), count: by((r) => r.count), amount: by((r) => r.amount) }).items;
    const bySource = sorted(ledger(parsed).map((r) => ({ fundSource: r.fundSource, itemName: r.itemName, count: r.count, amount: fenToYuan(r.fen), byLevel: yuanLevels(r.byLevel) })), (r) => `${r.fundSource}${r.itemName}`);
    const bySchool = sorted(
      [...schools.values()].sort((a, b) => a.schoolCode.localeCompare(b.schoolCode)).map((s) => ({ schoolCode: s.schoolCode, schoolName: s.schoolName, count: s.count, amount: fenToYuan(s.fen), byLevel: yuanLevels(s.byLevel) })),
      (r) => r.schoolName,
    );
    return { payments: lines.length, amount: fenToYuan(parsed.reduce((a, l) => a + l.amountFen, 0)), byLevel: yuanLevels(total), bySource, bySchool };
  };

  app.get('/api/aid/ledger', async (request, reply): Promise<LedgerView | FastifyReply> => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const q = LedgerQuery.parse(request.query);
    const view = await ledgerOf(actor, q);
    if (q.format === 'xlsx') {
      const rows: LedgerRow[] = q.table === 'school' ? view.bySchool : view.bySource;
      return answerList(request, reply, db, { page: 1, pageSize: EXPORT_MAX_ROWS, schoolYear: q.schoolYear, term: q.term, sort: q.sort, table: q.table }, (pq) => Promise.resolve(slice(rows, pq)), ledgerExport(q.table)) as Promise<FastifyReply>;
    }
    return view;
  });

  // the ledger page's tables, paged on the server, filtered by name (and as xlsx, what the table shows)
  for (const table of ['source', 'school'] as const) {
    app.get(`/api/aid/ledger/${table}s`, async (request, reply) => {
      const actor = actorOf(request);
      authorize(actor, 'aid.readFunds');
      const query = LedgerTableQuery.parse(request.query);
      const view = await ledgerOf(actor, query);
      const rows: LedgerRow[] = table === 'school' ? view.bySchool : view.bySource;
      const name = query.q?.toLowerCase();
      const shown = name ? rows.filter((r) => [r.schoolCode, r.schoolName, 'fundSource' in r ? r.fundSource : '', 'itemName' in r ? r.itemName : ''].some((v) => v?.toLowerCase().includes(name))) : rows;
      return answerList(request, reply, db, query, (q) => Promise.resolve(slice(shown, q)), ledgerExport(table));
    });
  }

  // 扶贫(惠民)资金在线监管: the same file as `fuzhi export supervision`, masked, within the user's scope, audited
  app.get('/api/aid/supervision', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'aid.readFunds');
    const q = SupervisionQuery.parse(request.query);
    return sendWritten(reply, `资金发放明细-${q.schoolYear}${q.term ?? ''}.${q.format}`, (file) =>
      exportSupervision(database, { schoolYear: q.schoolYear, term: q.term ?? null, out: file, full: false, actor, scope: scopeOf(actor) }));
  });

  recognitionRoutes(app, database);
}
