// Every list endpoint answers JSON or, with ?format=xlsx, the same list as an Excel file: the same
// query (filters, sort) run page after page through the same service and presenter, written by
// src/files/write-xlsx.ts, and recorded in the audit log (a list of minors that leaves the system).
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { FuzhiError } from '../kernel/errors.ts';
import { writeXlsx } from '../files/write-xlsx.ts';
import { recordAudit } from './audit.repository.ts';
import { actorOf } from './http.ts';
import type { PersonalField } from './policy.ts';
import { shownAs, viewerOf } from './presenter.ts';

/** Rows one export may hold; a larger list is narrowed by its filters first. */
export const EXPORT_MAX_ROWS = 50_000;
/** Rows fetched per query while exporting (the HTTP page size stays ≤ 100). */
const EXPORT_PAGE = 1_000;

export const ListFormat = z.object({ format: z.enum(['json', 'xlsx']).optional() });

export interface ExportColumn<T> {
  header: string;
  value: (item: T) => unknown;
  /** kept as text in Excel (学籍号, ID numbers, codes) */
  text?: boolean;
}

export interface ListSpec<T> {
  /** the file and sheet name users see, e.g. 学生名单 */
  name: string;
  columns: readonly ExportColumn<T>[];
  /** personal fields the items carry: the audit entry says which of them the viewer saw in full */
  fields?: readonly PersonalField[];
}

interface Paged<T> {
  items: T[];
  total: number;
}

function tooMany(total: number): FuzhiError {
  return new FuzhiError(
    'EXPORT_TOO_LARGE',
    `符合条件的记录有 ${total} 条，超过单次导出上限 ${EXPORT_MAX_ROWS} 条，请先缩小筛选范围`,
    `${total} rows match, more than the ${EXPORT_MAX_ROWS} one export may hold: narrow the filters first`,
    { status: 400 },
  );
}

/** The filters of a query as the audit entry records them (paging left out). */
function filtersOf(query: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) if (k !== 'page' && k !== 'pageSize' && k !== 'format' && v !== undefined) out[k] = v;
  return out;
}

/** The rows of every page of the list, in the list's order. */
async function allItems<T, Q extends { page: number; pageSize: number }>(query: Q, list: (q: Q) => Promise<Paged<T>>): Promise<T[]> {
  const first = await list({ ...query, page: 1, pageSize: EXPORT_PAGE });
  if (first.total > EXPORT_MAX_ROWS) throw tooMany(first.total);
  const items = [...first.items];
  for (let page = 2; items.length < first.total && (page - 1) * EXPORT_PAGE < first.total; page++) {
    const next = await list({ ...query, page, pageSize: EXPORT_PAGE });
    if (next.items.length === 0) break;
    items.push(...next.items);
  }
  return items;
}

/** An .xlsx of the items, as bytes. */
export async function xlsxOf<T>(spec: ListSpec<T>, items: readonly T[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const textColumns = spec.columns.flatMap((c, i) => (c.text ? [i] : []));
  await writeXlsx(
    out,
    spec.columns.map((c) => c.header),
    items.map((it) => spec.columns.map((c) => c.value(it))),
    { sheetName: spec.name, textColumns },
  );
  await done;
  return Buffer.concat(chunks);
}

/**
 * The answer of a list route: the page as JSON, or with ?format=xlsx every row of the same query
 * as an Excel file (audited). `list` is the route's own service call, so the file holds exactly
 * what the table shows, in the viewer's scope and mask.
 */
export async function answerList<T, Q extends { page: number; pageSize: number }>(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Kysely<DB>,
  query: Q,
  list: (q: Q) => Promise<Paged<T>>,
  spec: ListSpec<T>,
): Promise<Paged<T> | FastifyReply> {
  const { format } = ListFormat.parse(request.query);
  if (format !== 'xlsx') return list(query);
  const actor = actorOf(request);
  const items = await allItems(query, list);
  const body = await xlsxOf(spec, items);
  const viewer = viewerOf(actor);
  await recordAudit(db, {
    actor: actor.username,
    action: 'list.export',
    target: spec.name,
    detail: { rows: items.length, filters: filtersOf(query), fullFields: (spec.fields ?? []).filter((f) => shownAs(viewer, f) === 'full') },
    regions: [actor.regionCode],
  });
  const name = `${spec.name}.xlsx`;
  void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  void reply.header('cache-control', 'no-store');
  void reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return reply.send(body);
}
