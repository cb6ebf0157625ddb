// The web client's only door to the server: fetch with the session cookie, JSON in and out,
// errors as ApiError carrying the server's Chinese message. Types come from the API's schemas.
import type { ErrorBody } from '../../src/platform/api.schema.ts';
import type { Me } from '../../src/platform/auth.schema.ts';
import type { AuditList } from '../../src/platform/audit.schema.ts';
import type { Dashboard } from '../../src/indicators/dashboard.schema.ts';
import type { DecisionResult, MatchList, MatchListQuery } from '../../src/registry/match.schema.ts';
import type { JobItem, JobList } from '../../src/platform/jobs.schema.ts';
import type { BatchDetail, BatchItem, BatchLineItem, BatchLineList, BatchList, Coverage } from '../../src/aid/batch.schema.ts';
import type { SchoolOptions, StudentDetail, StudentList, StudentListQuery } from '../../src/registry/student.schema.ts';
import type { CaseList, CaseListQuery } from '../../src/dropout/dropout.schema.ts';
import type { CaseDetail, CaseStepKind, StepAnswer } from '../../src/dropout/case-work.schema.ts';
import type { CareChildDetail, CareList, CareVisitAnswer, CareVisitBody } from '../../src/care/care.schema.ts';
import type { TaskList } from '../../src/tasks/tasks.schema.ts';

export type { AuditList, Dashboard, MatchList, Me, SchoolOptions, StudentDetail, StudentList };
export type { MatchItem } from '../../src/registry/match.schema.ts';
export type { JobItem, JobList };
export type { BatchDetail, BatchItem, BatchLineItem, BatchList, Coverage };

/** 审核上报: one school's list of a term and where it stands. */
export interface SubmissionItem {
  schoolCode: string;
  schoolName: string;
  students: number;
  amount: number;
  status: '未上报' | '已上报' | '已核准' | '已退回';
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  note: string | null;
  steps: { step: string; status: string; text: string | null; actor: string; at: string }[];
}
export type { StudentItem } from '../../src/registry/student.schema.ts';
import type { StudentFile } from '../../src/aid/student-file.schema.ts';
import type { NewUserBody, UserActionResult, UserList, UserListQuery } from '../../src/platform/user.schema.ts';
export type { StudentFile, NewUserBody, UserList };
export type { UserItem } from '../../src/platform/user.schema.ts';

/** 账号管理 row actions (POST /api/users/:username/<action>). */
export type UserAction = 'disable' | 'enable' | 'reset-password' | 'revoke-sessions';
export type { CaseDetail, CaseList, CaseStepKind, CareChildDetail, CareList, CareVisitBody, TaskList };
export type { CareItem } from '../../src/care/care.schema.ts';
export type { TaskItem } from '../../src/tasks/tasks.schema.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn: string;
  constructor(status: number, code: string, message: string, messageEn: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
  }
}

let onUnauthenticated: (() => void) | null = null;

/** Called when a request answers 401 (the session ended): the app goes back to the login page. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

let csrfToken = '';

/** The session's CSRF token (from login and /api/me), sent with every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, query?: Query): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'cannot reach the server');
  }
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = (data as ErrorBody | null)?.error;
    if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated?.();
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `请求失败（${res.status}）`, err?.messageEn ?? `HTTP ${res.status}`);
  }
  return data as T;
}

/** A file goes up as it is (application/octet-stream); the server streams it to disk. */
async function upload<T>(url: string, file: File): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/octet-stream', 'x-csrf-token': csrfToken },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'cannot reach the server');
  }
  const data = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? `上传失败（${res.status}）`, data?.error?.messageEn ?? `HTTP ${res.status}`);
  return data as T;
}

type ListQuery<Q> = Partial<{ [K in keyof Q]: Q[K] | string }>;

export const api = {
  login: async (username: string, password: string) => {
    const r = await request<{ ok: true; csrfToken: string }>('POST', '/api/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    return r;
  },
  logout: () => request<{ ok: true }>('POST', '/api/auth/logout', {}),
  me: async () => {
    const me = await request<Me>('GET', '/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  },
  changePassword: (current: string, next: string) => request<{ ok: true }>('POST', '/api/me/password', { current, next }),
  dashboard: () => request<Dashboard>('GET', '/api/dashboard'),
  students: (q: ListQuery<StudentListQuery>) => request<StudentList>('GET', '/api/students', undefined, q),
  student: (id: string, full = false) => request<StudentDetail>('GET', `/api/students/${encodeURIComponent(id)}`, undefined, full ? { full: 1 } : undefined),
  schools: () => request<SchoolOptions>('GET', '/api/schools'),
  matches: (q: ListQuery<MatchListQuery>) => request<MatchList>('GET', '/api/matches', undefined, q),
  confirmMatch: (matchId: string, reason = '人工核对一致') => request<DecisionResult>('POST', `/api/matches/${encodeURIComponent(matchId)}/confirm`, { reason }),
  rejectMatch: (matchId: string, reason: string) =>
    request<DecisionResult>('POST', `/api/matches/${encodeURIComponent(matchId)}/reject`, { reason }),
  jobs: (q: Query) => request<JobList>('GET', '/api/jobs', undefined, q),
  job: (id: string) => request<JobItem>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  runMatch: (schoolYear: number) => request<JobItem>('POST', '/api/jobs/match', { schoolYear }),
  uploadImport: (list: string, listKind: string | undefined, file: File) =>
    upload<JobItem>(`/api/jobs/import?${new URLSearchParams({ list, fileName: file.name, ...(listKind ? { listKind } : {}) }).toString()}`, file),
  batches: (q: Query) => request<BatchList>('GET', '/api/aid/batches', undefined, q),
  batch: (id: number, page = 1) => request<BatchDetail>('GET', `/api/aid/batches/${id}`, undefined, { page, pageSize: 1 }),
  batchRows: (id: number, q: Query) => request<BatchLineList>('GET', `/api/aid/batches/${id}/rows`, undefined, q),
  createBatch: (schoolYear: number, term: string) => request<{ batch: number; rows: number; amount: number }>('POST', '/api/aid/batches', { schoolYear, term }),
  /** 教师补助发放批次: a period's unpaid teacher payables (YYYY-MM or a school year) */
  createTeacherBatch: (period: string) => request<{ batch: number; rows: number; amount: number }>('POST', '/api/aid/batches', { kind: 'teacher', period }),
  publishNotice: (id: number, days: number, contact: string) => request<unknown>('POST', `/api/aid/batches/${id}/notice`, { days, contact }),
  raiseObjection: (id: number, text: string) => request<unknown>('POST', `/api/aid/batches/${id}/objections`, { text }),
  answerObjection: (id: number, text: string) => request<unknown>('POST', `/api/aid/objections/${id}/answer`, { text }),
  approveBatch: (id: number) => request<unknown>('POST', `/api/aid/batches/${id}/approve`, {}),
  uploadBankResult: (id: number, file: File) => upload<unknown>(`/api/aid/batches/${id}/bank-result?${new URLSearchParams({ fileName: file.name }).toString()}`, file),
  submissions: (q: Query) => request<{ items: SubmissionItem[]; total: number }>('GET', '/api/aid/submissions', undefined, q),
  submitList: (schoolYear: number, term: string, schoolCode?: string) => request<unknown>('POST', '/api/aid/submissions/submit', { schoolYear, term, schoolCode }),
  decideList: (schoolCode: string, step: 'approve' | 'return', schoolYear: number, term: string, reason?: string) =>
    request<unknown>('POST', `/api/aid/submissions/${schoolCode}/${step}`, { schoolYear, term, reason }),
  coverage: (schoolYear: number, term: string) => request<Coverage>('GET', '/api/aid/coverage', undefined, { schoolYear, term }),
  studentFile: (id: string, full = false) =>
    request<StudentFile>('GET', `/api/students/${encodeURIComponent(id)}/file`, undefined, full ? { full: 1 } : undefined),
  users: (q: ListQuery<UserListQuery>) => request<UserList>('GET', '/api/users', undefined, q),
  addUser: (body: NewUserBody) => request<{ ok: true; username: string; warnings: string[] }>('POST', '/api/users', body),
  userAction: (username: string, action: UserAction, password?: string) =>
    request<UserActionResult>('POST', `/api/users/${encodeURIComponent(username)}/${action}`, password === undefined ? {} : { password }),
  audit: (q: Query) => request<AuditList>('GET', '/api/audit', undefined, q),
  // 控辍保学 cases, 关爱 children, 我的任务
  dropoutCases: (q: ListQuery<CaseListQuery>) => request<CaseList>('GET', '/api/dropout/cases', undefined, q),
  dropoutCase: (caseNo: string) => request<CaseDetail>('GET', `/api/dropout/cases/${encodeURIComponent(caseNo)}`),
  caseStep: (caseNo: string, step: CaseStepKind, body: Record<string, unknown>) =>
    request<StepAnswer>('POST', `/api/dropout/cases/${encodeURIComponent(caseNo)}/${step}`, body),
  careChildren: (q: Query) => request<CareList>('GET', '/api/care/children', undefined, q),
  careChild: (id: string) => request<CareChildDetail>('GET', `/api/care/children/${encodeURIComponent(id)}`),
  logCareVisit: (id: string, body: CareVisitBody) => request<CareVisitAnswer>('POST', `/api/care/children/${encodeURIComponent(id)}/visits`, body),
  tasks: (q: Query) => request<TaskList>('GET', '/api/tasks', undefined, q),
};

/**
 * Downloads a list endpoint's answer as .xlsx (format=xlsx, same query as the table): the file is
 * saved under the name the server gives (content-disposition); an error answer becomes an ApiError.
 */
export async function downloadList(path: string, query: Query): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, { ...query, format: 'xlsx' }), { credentials: 'same-origin', headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'cannot reach the server');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? `导出失败（${res.status}）`, data?.error?.messageEn ?? `HTTP ${res.status}`);
  }
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = m ? decodeURIComponent(m[1]) : 'export.xlsx';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- aid pages: 政策设置, 资助名单, 困难认定, 资助台账 (src/aid/aid-pages.routes.ts, recognition.routes.ts)
import type { EntitlementItem, EntitlementList, ItemBody, LedgerSchoolRow, LedgerSourceRow, LedgerView, ListedList, PolicyChange, PolicyItemList, PolicyItemView, PolicyView, RecognitionItem, RecognitionList } from '../../src/aid/aid-pages.schema.ts';
export type { EntitlementItem, LedgerSchoolRow, LedgerSourceRow, LedgerView, PolicyChange, PolicyItemView, PolicyView, RecognitionItem };
export type ListedItem = ListedList['items'][number];
/** An item as the 政策设置 form sends it (yuan; stages in any spelling). */
export type ItemPayload = Omit<ItemBody, 'region'>;

export const aidApi = {
  policy: (schoolYear: number) => request<PolicyView>('GET', '/api/aid/policy', undefined, { schoolYear }),
  policyItems: (q: Record<string, string | number | undefined>) => request<PolicyItemList>('GET', '/api/aid/policy/items', undefined, q),
  policyHistory: (q: Record<string, string | number | undefined>) => request<{ items: PolicyChange[]; total: number }>('GET', '/api/aid/policy/history', undefined, q),
  buildPolicy: (schoolYear: number, preset: string | null, name?: string) => request<{ version: number }>('POST', '/api/aid/policy', { schoolYear, preset, name }),
  addItem: (body: ItemPayload) => request<{ change: string }>('POST', '/api/aid/policy/items', body),
  updateItem: (code: string, body: ItemPayload) => request<{ change: string }>('POST', `/api/aid/policy/items/${encodeURIComponent(code)}`, body),
  retireItem: (code: string, schoolYear: number, reason: string) => request<{ change: string }>('POST', `/api/aid/policy/items/${encodeURIComponent(code)}/retire`, { schoolYear, reason }),
  setDeadline: (schoolYear: number, term: string, date: string) => request<{ change: string }>('POST', '/api/aid/policy/deadline', { schoolYear, term, date }),
  entitlements: (q: Record<string, string | number | undefined>) => request<EntitlementList>('GET', '/api/aid/entitlements', undefined, q),
  computeEntitlements: (schoolYear: number, term: string) => request<{ job: JobItem | null; result: { rows: number; amount: number } | null }>('POST', '/api/aid/entitlements/compute', { schoolYear, term }),
  job: (id: string) => request<JobItem>('GET', `/api/jobs/${encodeURIComponent(id)}`),
  recognitions: (q: Record<string, string | number | undefined>) => request<RecognitionList>('GET', '/api/aid/recognitions', undefined, q),
  listed: (q: Record<string, string | number | undefined>) => request<ListedList>('GET', '/api/aid/recognitions/listed', undefined, q),
  applyRecognition: (schoolYear: number, studentNo: string, application: string) => request<{ id: string; status: string }>('POST', '/api/aid/recognitions', { schoolYear, studentNo, application }),
  decideRecognition: (id: string, tier: string, reason?: string) => request<{ status: string; tier: string | null }>('POST', `/api/aid/recognitions/${encodeURIComponent(id)}/decide`, { tier, reason }),
  objectRecognition: (id: string, text: string) => request<{ objection: number }>('POST', `/api/aid/recognitions/${encodeURIComponent(id)}/objections`, { text }),
  answerRecognitionObjection: (id: number, text: string, outcome: 'keep' | 'reopen') => request<{ status: string | null }>('POST', `/api/aid/recognitions/objections/${id}/answer`, { text, outcome }),
  noticeRecognitions: (schoolYear: number) => request<{ rows: number; noticeEnd: string }>('POST', '/api/aid/recognitions/notice', { schoolYear }),
  fileRecognitions: (schoolYear: number) => request<{ filed: number; waiting: number }>('POST', '/api/aid/recognitions/file', { schoolYear }),
  ledger: (schoolYear: number, term?: string) => request<LedgerView>('GET', '/api/aid/ledger', undefined, { schoolYear, term }),
  ledgerSources: (q: Record<string, string | number | undefined>) => request<{ items: LedgerSourceRow[]; total: number }>('GET', '/api/aid/ledger/sources', undefined, q),
  ledgerSchools: (q: Record<string, string | number | undefined>) => request<{ items: LedgerSchoolRow[]; total: number }>('GET', '/api/aid/ledger/schools', undefined, q),
};

/** The school year containing today (2025 = from 2025-09-01) and the term (秋季 Sept–Feb). */
export function currentSchoolYear(): number {
  const d = new Date();
  return d.getMonth() + 1 >= 9 ? d.getFullYear() : d.getFullYear() - 1;
}
export function currentTerm(): '秋季' | '春季' {
  const m = new Date().getMonth() + 1;
  return m >= 9 || m <= 2 ? '秋季' : '春季';
}
// 项目台账 (issue 12): the projects of the user's scope and a spending from one fund source
export type { ProjectItem, ProjectList, ProjectSpendingAnswer } from '../../src/projects/project.schema.ts';
export const projectsOfScope = () => request<import('../../src/projects/project.schema.ts').ProjectList>('GET', '/api/projects');
export const projectSpending = (id: number, body: { source: string; date: string; yuan: number; purpose: string }) =>
  request<import('../../src/projects/project.schema.ts').ProjectSpendingAnswer>('POST', `/api/projects/${id}/spending`, body);

// 督导问责 (issue 12): supervision records of the user's scope
export type { SupervisionItem, SupervisionList } from '../../src/indicators/supervision.schema.ts';
export const supervisionOfScope = (schoolYear: number) => request<import('../../src/indicators/supervision.schema.ts').SupervisionList>('GET', '/api/supervision', undefined, { schoolYear });
// 结对帮扶 (household pairings) and 遍访 coverage
import type { HouseholdVisitAnswer, HouseholdVisitBody, PairingDetail, PairingList, VisitCoverage } from '../../src/care/pairing.schema.ts';
export type { PairingDetail, PairingItem, PairingList, VisitCoverage } from '../../src/care/pairing.schema.ts';
export const pairingApi = {
  pairings: (page: number, pageSize: number) => request<PairingList>('GET', '/api/care/pairings', undefined, { page, pageSize }),
  pairing: (id: string) => request<PairingDetail>('GET', `/api/care/pairings/${encodeURIComponent(id)}`),
  logHouseholdVisit: (id: string, body: HouseholdVisitBody) => request<HouseholdVisitAnswer>('POST', `/api/care/pairings/${encodeURIComponent(id)}/visits`, body),
  visitCoverage: (schoolYear?: number, term?: string) => request<VisitCoverage>('GET', '/api/care/visit-coverage', undefined, schoolYear ? { schoolYear, term: term ?? '秋季' } : {}),
};

// 证明材料 of a dropout case: close with a proof uploaded as the raw file, list, download link
import type { ProofList } from '../../src/dropout/proof.schema.ts';
export const proofApi = {
  closeWithProof: (caseNo: string, body: { category: string; note: string }, file: File) =>
    upload<StepAnswer>(`/api/dropout/cases/${encodeURIComponent(caseNo)}/close-with-proof?${new URLSearchParams({ ...body, fileName: file.name }).toString()}`, file),
  proofs: (caseNo: string) => request<ProofList>('GET', `/api/dropout/cases/${encodeURIComponent(caseNo)}/proofs`),
  proofUrl: (caseNo: string, id: number) => `/api/dropout/cases/${encodeURIComponent(caseNo)}/proofs/${id}`,
};

// 四个一: reports due for the viewer's level, and a period's figures as .xlsx
export interface DueReport { level: string; cadence: string; period: string; start: string; end: string; due: string; status: string }
export const rhythmApi = {
  reportsDue: () => request<{ today: string; items: DueReport[] }>('GET', '/api/dropout/reports-due'),
  periodReportUrl: (period: string) => `/api/dropout/reports/period?${new URLSearchParams({ period }).toString()}`,
};

// 应助尽助 coverage drill-down: county → township → school → the entitled students of one school
import type { CoverageDrill, DrillLevel, DrillRowList, DrillStudentList } from '../../src/aid/coverage-drill.schema.ts';
export type { CoverageDrill, DrillLevel, DrillRow, DrillStudent } from '../../src/aid/coverage-drill.schema.ts';
export const coverageApi = {
  drill: (schoolYear: number, term: string, level?: DrillLevel | null, code?: string | null) =>
    request<CoverageDrill>('GET', '/api/aid/coverage/drill', undefined, level && code ? { schoolYear, term, level, code } : { schoolYear, term }),
  /** the table of the level below a county or township, one page (sort, name filter) */
  rows: (q: Query) => request<DrillRowList>('GET', '/api/aid/coverage/drill/rows', undefined, q),
  /** a school's entitled students, one page (sort, pay state, name's beginning) */
  students: (q: Query) => request<DrillStudentList>('GET', '/api/aid/coverage/drill/students', undefined, q),
};

// 教师队伍: roster, training, rotation, moves (交流轮岗 / 支教 / 特岗), payables and honours
import type { HonourList, MoveAnswer, MoveBody, MoveList, PayableGenerateAnswer, PayableList, RotationReport, TeacherList, TrainingReport } from '../../src/schools/teacher.schema.ts';
export type { HonourList, MoveBody, MoveItem, MoveList, PayableItem, PayableList, RotationReport, TeacherItem, TeacherList, TrainingReport } from '../../src/schools/teacher.schema.ts';
export const teacherApi = {
  roster: (q: Query) => request<TeacherList>('GET', '/api/teachers', undefined, q),
  training: (schoolYear: number) => request<TrainingReport>('GET', '/api/teachers/training', undefined, { schoolYear }),
  rotation: (schoolYear: number) => request<RotationReport>('GET', '/api/teachers/rotation', undefined, { schoolYear }),
  moves: (q: Query) => request<MoveList>('GET', '/api/teachers/moves', undefined, q),
  recordMove: (body: MoveBody) => request<MoveAnswer>('POST', '/api/teachers/moves', body),
  payables: (q: Query) => request<PayableList>('GET', '/api/teachers/payables', undefined, q),
  honours: (schoolYear: number) => request<HonourList>('GET', '/api/teachers/honours', undefined, { schoolYear }),
  generatePayables: (body: { month?: string; schoolYear?: number }) => request<PayableGenerateAnswer>('POST', '/api/teachers/payables/generate', body),
};
// ---- 指标考核 (src/indicators/indicators.routes.ts)
import type { BreakdownPage, EnteredValue, EvidenceListAnswer, IndicatorList, IndicatorTrend } from '../../src/indicators/indicators.schema.ts';
export type { BreakdownPage, BreakdownRow, IndicatorItem, IndicatorList, IndicatorTrend } from '../../src/indicators/indicators.schema.ts';
export const indicatorApi = {
  list: (schoolYear: number) => request<IndicatorList>('GET', '/api/indicators', undefined, { schoolYear }),
  breakdown: (code: string, q: Query) => request<BreakdownPage>('GET', `/api/indicators/${encodeURIComponent(code)}/breakdown`, undefined, q),
  trend: (code: string, schoolYear: number) => request<IndicatorTrend>('GET', `/api/indicators/${encodeURIComponent(code)}/trend`, undefined, { schoolYear, years: 3 }),
  enter: (code: string, body: { schoolYear: number; value: number; evidence: string }) => request<EnteredValue>('POST', `/api/indicators/${encodeURIComponent(code)}/values`, body),
  evidence: (code: string, schoolYear: number) => request<EvidenceListAnswer>('GET', `/api/indicators/${encodeURIComponent(code)}/evidence`, undefined, { schoolYear }),
  addEvidence: (code: string, valueId: number, file: File) => upload<{ id: number }>(`/api/indicators/${encodeURIComponent(code)}/values/${valueId}/evidence?${new URLSearchParams({ fileName: file.name }).toString()}`, file),
  evidenceUrl: (id: number) => `/api/indicator-evidence/${id}`,
};

/** The inspector's pack (督导材料包) as a job: started for the caller's region, polled, then fetched. */
export const inspectionPackApi = {
  start: (schoolYear: number) => request<JobItem>('POST', '/api/inspection-pack', { schoolYear }),
  job: (id: string) => request<JobItem>('GET', `/api/jobs/${encodeURIComponent(id)}`),
};
export const inspectionPackUrl = (jobId: string) => `/api/inspection-pack/${encodeURIComponent(jobId)}`;

/**
 * Downloads the finished pack of a job (one zip) and saves it; `progress` hears the share received
 * (0–1) while the server's answer streams in.
 */
export async function downloadInspectionPack(jobId: string, progress: (share: number | null) => void): Promise<string> {
  let res: Response;
  progress(0);
  try {
    res = await fetch(inspectionPackUrl(jobId), { credentials: 'same-origin', headers: { accept: 'application/zip, application/json' } });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络', 'cannot reach the server');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(res.status, data?.error?.code ?? 'HTTP', data?.error?.message ?? `下载失败（${res.status}）`, data?.error?.messageEn ?? `HTTP ${res.status}`);
  }
  const size = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let got = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      if (size > 0) progress(got / size);
    }
  }
  progress(1);
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = m ? decodeURIComponent(m[1]) : '督导材料包.zip';
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: 'application/zip' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
// 结对帮扶与活动: school pairings with the minimums met, activity records (list, one, log, attachments, printed plan)
import type { ActivityAnswer, ActivityBody, ActivityImportAnswer, ActivityDeleteAnswer, ActivityDetail, ActivityEditAnswer, ActivityEditBody, ActivityList, ActivityListQuery, AttachmentAnswer, PairingAnswer, PairingBody, PairingOverview } from '../../src/schools/activity.schema.ts';
export type { ActivityDetail, ActivityImportAnswer, ActivityItem, ActivityList, PairingOverview } from '../../src/schools/activity.schema.ts';
export const activityApi = {
  pairings: (schoolYear?: number) => request<PairingOverview>('GET', '/api/schools/pairings', undefined, { schoolYear }),
  pair: (body: PairingBody) => request<PairingAnswer>('POST', '/api/schools/pairings', body),
  edit: (id: number, body: Partial<ActivityEditBody> & Pick<ActivityEditBody, 'type' | 'title' | 'start' | 'version'>) => request<ActivityEditAnswer>('PUT', `/api/activities/${id}`, body),
  remove: (id: number, version: string) => request<ActivityDeleteAnswer>('DELETE', `/api/activities/${id}`, undefined, { version }),
  list: (q: ListQuery<ActivityListQuery>) => request<ActivityList>('GET', '/api/activities', undefined, q),
  one: (id: number) => request<ActivityDetail>('GET', `/api/activities/${id}`),
  add: (body: Partial<ActivityBody> & Pick<ActivityBody, 'type' | 'title' | 'start'>) => request<ActivityAnswer>('POST', '/api/activities', body),
  attach: (id: number, file: File) => upload<AttachmentAnswer>(`/api/activities/${id}/attachments?${new URLSearchParams({ fileName: file.name }).toString()}`, file),
  /** an activity list (.xlsx/.xls/.csv): the good rows in, each bad one with its row, column and value */
  importFile: (file: File) => upload<ActivityImportAnswer>(`/api/activities/import?${new URLSearchParams({ fileName: file.name }).toString()}`, file),
  attachmentUrl: (id: number, n: number) => `/api/activities/${id}/attachments/${n}`,
  planUrl: (id: number) => `/api/activities/${id}/plan`,
};
