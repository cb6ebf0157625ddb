// One student file (一生一档): everything the bureau knows of one student, across years and
// schools, shaped by the one presenter for the viewer's role. Found within the viewer's scope
// first (404 otherwise); a full read (?full=1) is authorised and audited before anything is read.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { studentAidRecord } from './student-aid-record.ts';
import { notFound } from '../kernel/errors.ts';
import { MATCH_STATUS_LABELS, type MatchStatus } from '../registry/match-status.rules.ts';
import type { RefKey } from '../platform/opaque-ref.ts';
import { fullViewer, present, presentDeep, presentId, presentText, shownAs, type Viewer, viewerOf } from '../platform/presenter.ts';
import { scopeOf, type Actor } from '../platform/scope.ts';
import { findStudent } from '../registry/student.repository.ts';
import { toItem } from '../registry/student.service.ts';
import type { FileChange, FileHousehold, FileMatch, StudentFile } from './student-file.schema.ts';
import { regionNames } from '../platform/region.repository.ts';
import { decisionHistoryOf, matchesWithDecisions, membersOfHouseholds, recordHistoryOf } from './student-file.repository.ts';

const DECISION_LABELS: Record<string, string> = { confirmed: '确认', rejected: '否决' };

/** The 学籍 columns a change may touch, in the words of the 学籍 system; bookkeeping columns are left out. */
const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  id_number: '身份证件号',
  id_raw: '身份证件号（原值）',
  id_status: '身份证件号状态',
  birth_date: '出生日期',
  ethnicity: '民族',
  school_code: '学校标识码',
  county_code: '县级区划',
  stage: '学段',
  stage_raw: '学段（原值）',
  grade: '年级',
  boarding: '寄宿',
  hukou_region: '户籍行政区划',
  status: '学籍状态',
};

export async function studentFile(db: Kysely<DB>, actor: Actor, studentNo: string, full: boolean, key: RefKey): Promise<StudentFile> {
  const row = await findStudent(db, scopeOf(actor), studentNo);
  if (!row) throw notFound('未找到该学生（或不在您的数据范围内）', 'no such student in your scope');
  const viewer = full
    ? await fullViewer(db, actor, {
        fields: ['idNumber', 'studentNo'],
        action: 'student.file-read-full',
        target: `${present(viewerOf(actor), 'studentNo', row.student_no) ?? ''} ${row.name}`,
        regions: [row.county_code, row.school_region],
      })
    : viewerOf(actor);
  // whether the family is registered poor shows in matches, 认定 and aid: none of it for a role
  // that may not see poverty status (a teacher)
  const poverty = shownAs(viewer, 'poverty') !== 'hidden';
  const household = shownAs(viewer, 'household') !== 'hidden';
  const [matches, aid, history] = await Promise.all([
    poverty ? fileMatches(db, viewer, row.student_no) : null,
    poverty ? studentAidRecord(db, row.student_no) : null,
    recordHistoryOf(db, row.student_no),
  ]);
  const households = matches && household ? await fileHouseholds(db, viewer, matches.raw) : null;
  return {
    student: {
      ...toItem(row, viewer, key), ethnicity: row.ethnicity, hukouRegion: row.hukou_region,
      hukouRegionName: row.hukou_region ? (await regionNames(db, [row.hukou_region])).label(row.hukou_region) : null,
    },
    fullId: full,
    households,
    matches: matches?.shown ?? null,
    recognitions: aid ? aid.recognitions.map((r) => ({ ...r, application: presentText(r.application), decisionReason: textOf(r.decisionReason) })) : null,
    entitlements: aid ? aid.entitlements.map((e) => ({ ...e, reason: presentText(e.reason), basis: presentText(e.basis) })) : null,
    payments: aid ? aid.payments.map((p) => ({ ...p, failReason: textOf(p.failReason) })) : null,
    changes: history.map((h) => changeOf(viewer, h)),
  };
}

function textOf(s: string | null): string | null {
  return s === null ? null : presentText(s);
}

type MatchRow = Awaited<ReturnType<typeof matchesWithDecisions>>[number];

async function fileMatches(db: Kysely<DB>, viewer: Viewer, studentNo: string): Promise<{ raw: MatchRow[]; shown: FileMatch[] }> {
  const raw = await matchesWithDecisions(db, studentNo);
  const history = await decisionHistoryOf(db, raw.map((m) => m.match_id));
  const decisionOf = (d: { decision: string; level: string; reason: string | null; actor: string; at: string }) => ({
    decision: d.decision,
    decisionLabel: DECISION_LABELS[d.decision] ?? d.decision,
    level: d.level === 'school' ? '学校' : d.level === 'county' ? '县级' : d.level,
    reason: textOf(d.reason),
    actor: d.actor,
    at: d.at,
  });
  const shown = raw.map((m): FileMatch => {
    const status = m.status as MatchStatus;
    return {
      listKind: m.list_kind,
      householdNo: present(viewer, 'household', m.household_no),
      memberName: m.member_name,
      memberRelation: m.member_relation,
      method: m.method,
      confidence: Number(m.confidence),
      basis: presentText(m.basis),
      status,
      statusLabel: MATCH_STATUS_LABELS[status] ?? m.status,
      decision: m.decision && m.level && m.actor && m.at ? decisionOf({ decision: m.decision, level: m.level, reason: m.reason, actor: m.actor, at: m.at }) : null,
      decisions: history.filter((h) => h.match_id === m.match_id).map(decisionOf),
    };
  });
  return { raw, shown };
}

/** The households of the pairs not rejected, with their members (ID numbers as the viewer may see them). */
async function fileHouseholds(db: Kysely<DB>, viewer: Viewer, matches: MatchRow[]): Promise<FileHousehold[]> {
  const live = matches.filter((m) => m.status !== 'rejected');
  const keys = [...new Map(live.map((m) => [`${m.list_kind}|${m.household_no}`, { listKind: m.list_kind, householdNo: m.household_no }])).values()];
  const members = await membersOfHouseholds(db, keys);
  const matchedMembers = new Set(live.map((m) => m.member_id));
  return keys.map((k) => {
    const own = members.filter((m) => m.list_kind === k.listKind && m.household_no === k.householdNo);
    const head = own.find((m) => m.household_type) ?? own[0];
    return {
      listKind: k.listKind,
      householdNo: present(viewer, 'household', k.householdNo),
      householdType: present(viewer, 'poverty', head?.household_type),
      yearIdentified: head?.year_identified == null ? null : Number(head.year_identified),
      yearExited: head?.year_exited == null ? null : Number(head.year_exited),
      members: own.map((m) => ({
        name: m.name,
        relation: m.relation,
        sex: m.sex,
        birthDate: m.birth_date,
        idNumber: presentId(viewer, 'idNumber', m),
        self: matchedMembers.has(m.member_id),
      })),
    };
  });
}

type HistoryRow = Awaited<ReturnType<typeof recordHistoryOf>>[number];

function parsed(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A value of a changed column as the viewer may see it; the whole change passes presentDeep, so no ID leaks from history. */
function valueOf(viewer: Viewer, field: string, v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (field === 'id_number') return present(viewer, 'idNumber', s);
  if (field === 'id_raw') return presentId(viewer, 'idNumber', { id_number: null, id_raw: s });
  if (field === 'boarding') return Number(v) === 1 ? '是' : '否';
  if (field === 'sex') return s === 'M' ? '男' : s === 'F' ? '女' : s;
  return s;
}

function changeOf(viewer: Viewer, h: HistoryRow): FileChange {
  const before = parsed(h.before_json);
  const after = parsed(h.after_json);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((f) => f in FIELD_LABELS)
    .map((f) => ({ field: f, label: FIELD_LABELS[f], before: valueOf(viewer, f, before[f]), after: valueOf(viewer, f, after[f]) }));
  return presentDeep({ at: h.at, action: h.action === 'insert' ? '新增' : '变更', actor: h.actor, importId: h.import_id, fields });
}
