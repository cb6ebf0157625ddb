// 教师队伍: four tabs over the teacher API (the server scopes and masks) — 名册 (the roster, filtered,
// paged and exported by the server), 培训 (乡村教师培训率 per school against the 85% line, 学时 against
// 80 / 24), 交流轮岗 (the rotation report with the schools behind, the moves, a form for the county to
// record one) and 补贴与荣誉 (the payables ledger with export, the long-service honours due; the county
// generates the subsidies of a month or the refunds of a school year, and makes a period's unpaid
// payables a disbursement batch (生成发放批次), run in the batch drawer: 公示 → 审批 → 发放).
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tabs, Tag, message } from 'antd';
import { api, teacherApi, type Me, type MoveBody, type MoveItem, type PayableItem, type PayableList, type TeacherItem } from '../../api.ts';
import { errorText, useLoader, useSaving } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { BatchDrawer } from '../aid/Batches.tsx';

const TABS = ['roster', 'training', 'rotation', 'payables'] as const;
type Tab = (typeof TABS)[number];
const currentSchoolYear = () => (new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1);
const pct = (x: number | null) => (x === null ? '—' : `${x}%`);
const yuan = (x: number) => `${x.toLocaleString('zh-CN')} 元`;

export function Teachers({ me }: { me: Me }) {
  const initial = queryParam('tab');
  const [tab, setTab] = useState<Tab>(TABS.includes(initial as Tab) ? (initial as Tab) : 'roster');
  const [schoolYear, setSchoolYear] = useState(Number(queryParam('schoolYear')) || currentSchoolYear());
  const year = (
    <Space>
      学年
      <InputNumber aria-label="学年" value={schoolYear} min={2000} max={2100} onChange={(v) => v && (setSchoolYear(v), setQueryParams({ schoolYear: v }))} style={{ width: 100 }} />
    </Space>
  );
  return (
    <Card title="教师队伍" extra={tab === 'roster' ? null : year}>
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setQueryParams({ tab: k === 'roster' ? null : k });
        }}
        items={[
          { key: 'roster', label: '名册', children: <Roster /> },
          { key: 'training', label: '培训', children: <Training schoolYear={schoolYear} /> },
          { key: 'rotation', label: '交流轮岗', children: <Rotation schoolYear={schoolYear} me={me} /> },
          { key: 'payables', label: '补贴与荣誉', children: <Payables schoolYear={schoolYear} canPay={me.permissions.includes('teacher.pay')} /> },
        ]}
        destroyOnHidden
      />
    </Card>
  );
}

function Roster() {
  const list = usePagedList<TeacherItem>('teachers', (q) => teacherApi.roster(q), { filters: ['school', 'village', 'title', 'below'] });
  const schools = useLoader(() => api.schools(), []);
  return (
    <DataTable<TeacherItem>
      list={list}
      exportPath="/api/teachers"
      rowKey={(t) => t.id}
      emptyText="暂无教师，请先导入教师花名册"
      totalText={(n) => `共 ${n} 名教师`}
      cardTitle={(t) => t.name}
      scrollX={1200}
      toolbar={
        <Space wrap>
          <Input.Search key={list.q} placeholder="姓名" allowClear enterButton="查询" style={{ width: 200 }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} />
          <Select
            aria-label="学校"
            placeholder="全部学校"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 200 }}
            value={list.filters.school}
            options={(schools.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))}
            onChange={(v?: string) => list.setFilter('school', v)}
          />
          <Select aria-label="乡村教师" placeholder="是否乡村教师" allowClear style={{ width: 140 }} value={list.filters.village} options={[{ value: '1', label: '乡村教师' }, { value: '0', label: '非乡村教师' }]} onChange={(v?: string) => list.setFilter('village', v)} />
          <Input.Search key={`t${list.filters.title ?? ''}`} placeholder="职称" allowClear style={{ width: 150 }} defaultValue={list.filters.title} onSearch={(v) => list.setFilter('title', v || undefined)} />
          <Select
            aria-label="培训学时"
            placeholder="培训学时"
            allowClear
            style={{ width: 180 }}
            value={list.filters.below}
            options={[{ value: 'continuing', label: '不足 80 学时' }, { value: 'standard', label: '规范性培训不足 24 学时' }]}
            onChange={(v?: string) => list.setFilter('below', v)}
          />
        </Space>
      }
      columns={[
        { title: '姓名', dataIndex: 'name', width: 90, sortKey: 'name', fixed: 'left' },
        { title: '身份证件号', dataIndex: 'idNumber', width: 190, card: false },
        { title: '学校', dataIndex: 'schoolName', width: 170, sortKey: 'school' },
        { title: '学历', dataIndex: 'education', width: 70 },
        { title: '职称', dataIndex: 'title', width: 100 },
        { title: '乡村教师', dataIndex: 'village', width: 90, render: (v: boolean) => (v ? <Tag color="green">是</Tag> : '否') },
        { title: '教龄', dataIndex: 'years', width: 70, sortKey: 'years' },
        { title: '本年度学时', dataIndex: 'trainingHours', width: 110, sortKey: 'hours', render: (v: number | null, t) => <span style={{ color: t.continuingMet ? undefined : '#cf1322' }}>{v ?? '—'}</span> },
        { title: '规范性学时', dataIndex: 'standardHours', width: 110, sortKey: 'standardHours', render: (v: number | null, t) => <span style={{ color: t.standardMet ? undefined : '#cf1322' }}>{v ?? '—'}</span> },
        { title: '达标', key: 'met', width: 150, render: (_: unknown, t) => (t.continuingMet && t.standardMet ? <Tag color="green">达标</Tag> : <Tag color="red">{!t.continuingMet ? '不足80学时' : '规范性不足24学时'}</Tag>) },
      ]}
    />
  );
}

function Training({ schoolYear }: { schoolYear: number }) {
  const r = useLoader(() => teacherApi.training(schoolYear), [schoolYear]);
  if (r.error) return <LoadError message={r.error} onRetry={r.reload} />;
  const d = r.data;
  if (!d) return <Card loading />;
  const rows = d.schools.filter((s) => s.village > 0);
  return (
    <>
      <Space size={48} wrap style={{ marginBottom: 16 }}>
        <Statistic title="教师" value={d.totals.teachers} />
        <Statistic title={`达到 ${d.minContinuing} 学时`} value={d.totals.continuingMet} suffix={`/ ${d.totals.teachers}`} />
        <Statistic title={`规范性培训达到 ${d.minStandard} 学时`} value={d.totals.standardMet} suffix={`/ ${d.totals.teachers}`} />
        <Statistic title={`乡村教师培训率（目标 ≥ ${d.villageTarget}%）`} value={pct(d.totals.villageRate)} valueStyle={{ color: d.totals.behind ? '#cf1322' : undefined }} />
      </Space>
      {rows.length > 0 && (
        <EChart
          height={Math.max(240, Math.min(rows.length, 30) * 28 + 40)}
          option={{
            grid: { left: 170, right: 60, top: 28, bottom: 30 },
            xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            yAxis: { type: 'category', data: rows.slice(0, 30).map((s) => s.schoolName) },
            tooltip: { trigger: 'axis' },
            series: [
              {
                type: 'bar',
                name: '乡村教师培训率',
                data: rows.slice(0, 30).map((s) => ({ value: s.villageRate ?? 0, itemStyle: { color: s.behind ? '#cf1322' : '#389e0d' } })),
                label: { show: true, position: 'right', formatter: '{c}%' },
                markLine: { symbol: 'none', label: { formatter: `目标 ${d.villageTarget}%` }, lineStyle: { type: 'dashed', color: '#d48806' }, data: [{ xAxis: d.villageTarget }] },
              },
            ],
          }}
        />
      )}
      <Table
        size="small"
        rowKey="schoolCode"
        pagination={false}
        dataSource={d.schools}
        scroll={{ x: 800 }}
        columns={[
          { title: '学校', dataIndex: 'schoolName' },
          { title: '教师', dataIndex: 'teachers', width: 70 },
          { title: `达到${d.minContinuing}学时`, dataIndex: 'continuingMet', width: 110 },
          { title: `规范性达到${d.minStandard}学时`, dataIndex: 'standardMet', width: 140 },
          { title: '乡村教师', dataIndex: 'village', width: 90 },
          { title: '已培训', dataIndex: 'villageTrained', width: 80 },
          { title: '乡村教师培训率', dataIndex: 'villageRate', width: 140, render: (v: number | null, s) => (v === null ? '—' : <Tag color={s.behind ? 'red' : 'green'}>{pct(v)}</Tag>) },
        ]}
      />
    </>
  );
}

type MoveForm = { teacher: string; kind: MoveBody['kind']; from?: string; to: string; start: { format(f: string): string }; end?: { format(f: string): string } | null; note?: string };

function Rotation({ schoolYear, me }: { schoolYear: number; me: Me }) {
  const r = useLoader(() => teacherApi.rotation(schoolYear), [schoolYear]);
  const moves = usePagedList<MoveItem>('moves', (q) => teacherApi.moves({ ...q, schoolYear }), { prefix: 'm', deps: [schoolYear] });
  const [open, setOpen] = useState(false);
  const canMove = me.permissions.includes('teacher.move');
  const report = r.data;
  const behind = useMemo(() => new Set(report?.behind ?? []), [report]);
  return (
    <>
      {r.error && <LoadError message={r.error} onRetry={r.reload} />}
      {report && (
        <>
          {report.counties.map((c) => (
            <Space key={c.county} size={48} wrap style={{ marginBottom: 12 }}>
              <Statistic title={`应交流教师（${c.county}）`} value={c.eligible} />
              <Statistic title="本学年交流轮岗" value={c.rotated} />
              <Statistic title={`交流比例（目标 ≥ ${c.target}%）`} value={pct(c.rate)} valueStyle={{ color: c.rate !== null && c.rate < c.target ? '#cf1322' : undefined }} />
              <Statistic title={`其中骨干（目标 ≥ ${report.backboneTarget}%）`} value={pct(c.backboneShare)} />
              <Statistic title="支教 / 特岗" value={`${report.supportTeaching} / ${report.specialPostHires}`} />
            </Space>
          ))}
          {report.behind.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`交流轮岗落后的学校：${report.schools.filter((s) => s.behind).map((s) => s.schoolName).join('、')}`} />}
          <Table
            size="small"
            rowKey="schoolCode"
            pagination={false}
            dataSource={report.schools}
            rowClassName={(s) => (behind.has(s.schoolCode) ? 'row-behind' : '')}
            onRow={(s) => ({ style: behind.has(s.schoolCode) ? { background: '#fff1f0' } : undefined })}
            style={{ marginBottom: 16 }}
            columns={[
              { title: '学校', dataIndex: 'schoolName' },
              { title: '应交流教师（任教满6年）', dataIndex: 'eligible', width: 180 },
              { title: '本学年交流', dataIndex: 'rotated', width: 110 },
              { title: '其中骨干', dataIndex: 'backbone', width: 90 },
              { title: '交流比例', dataIndex: 'rate', width: 100, render: (v: number | null) => pct(v) },
              { title: '状态', key: 'behind', width: 100, render: (_: unknown, s) => (s.behind ? <Tag color="red">落后</Tag> : s.eligible > 0 ? <Tag color="green">达标</Tag> : '—') },
            ]}
          />
        </>
      )}
      <DataTable<MoveItem>
        list={moves}
        exportPath="/api/teachers/moves"
        rowKey={(m) => m.id}
        emptyText="本学年暂无交流轮岗、支教或特岗记录"
        totalText={(n) => `共 ${n} 条`}
        cardTitle={(m) => `${m.name} ${m.kind}`}
        toolbar={canMove ? <Button type="primary" onClick={() => setOpen(true)}>登记交流轮岗 / 支教 / 特岗</Button> : undefined}
        columns={[
          { title: '类型', dataIndex: 'kind', width: 90, render: (v: string) => <Tag>{v}</Tag> },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '原学校', dataIndex: 'fromName', width: 170, render: (v: string | null) => v ?? '—' },
          { title: '交流到', dataIndex: 'toName', width: 170 },
          { title: '开始', dataIndex: 'start', width: 110 },
          { title: '结束', dataIndex: 'end', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '骨干', dataIndex: 'backbone', width: 70, render: (v: boolean) => (v ? '是' : '否') },
          { title: '说明', dataIndex: 'note', card: false },
        ]}
      />
      {open && (
        <MoveModal
          schoolYear={schoolYear}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            r.reload();
            moves.reload();
          }}
        />
      )}
    </>
  );
}

function MoveModal({ schoolYear, onClose, onDone }: { schoolYear: number; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<MoveForm>();
  const [search, setSearch] = useState('');
  const [teachers, setTeachers] = useState<TeacherItem[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const schools = useLoader(() => api.schools(), []);
  const kind = Form.useWatch('kind', form);
  useEffect(() => {
    const t = setTimeout(() => {
      teacherApi.roster({ page: 1, pageSize: 20, q: search }).then((d) => setTeachers(d.items), (e: unknown) => setFailed(errorText(e)));
    }, 250);
    return () => clearTimeout(t);
  }, [search]);
  const schoolOptions = (schools.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }));
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const r = await teacherApi.recordMove({ teacher: v.teacher, kind: v.kind, from: v.from, to: v.to, start: v.start.format('YYYY-MM-DD'), end: v.end ? v.end.format('YYYY-MM-DD') : undefined, schoolYear, note: v.note });
      void message.success(`已登记：${r.teacher} ${r.kind}`);
      onDone();
    } catch (e) {
      setFailed(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`登记 ${schoolYear} 学年教师交流`} okText="登记" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {failed && <Alert type="error" showIcon message={failed} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: '交流轮岗' }}>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select aria-label="类型" options={['交流轮岗', '支教', '特岗'].map((k) => ({ value: k, label: k === '支教' ? '支教（不少于一年）' : k === '特岗' ? '特岗招聘' : k }))} />
        </Form.Item>
        <Form.Item name="teacher" label="教师" rules={[{ required: true, message: '请选择教师' }]}>
          <Select
            aria-label="教师"
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder="输入姓名查找"
            options={teachers.map((t) => ({ value: t.id, label: `${t.name}（${t.schoolName}${t.title ? `，${t.title}` : ''}）` }))}
            onChange={(id: string) => {
              const t = teachers.find((x) => x.id === id);
              if (t && kind !== '特岗') form.setFieldValue('from', t.schoolCode);
            }}
          />
        </Form.Item>
        {kind !== '特岗' && (
          <Form.Item name="from" label="原学校" rules={[{ required: true, message: '请选择原学校' }]}>
            <Select aria-label="原学校" showSearch optionFilterProp="label" options={schoolOptions} />
          </Form.Item>
        )}
        <Form.Item name="to" label={kind === '特岗' ? '招聘到' : '交流到'} rules={[{ required: true, message: '请选择学校' }]}>
          <Select aria-label="交流到" showSearch optionFilterProp="label" options={schoolOptions} />
        </Form.Item>
        <Space>
          <Form.Item name="start" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker aria-label="开始日期" />
          </Form.Item>
          <Form.Item name="end" label={kind === '支教' ? '结束日期（支教必填）' : '结束日期'}>
            <DatePicker aria-label="结束日期" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const thisMonth = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);

/** 生成应发: the monthly subsidies of a month or the tuition refunds of a school year, for the county's own teachers (again: nothing new). */
function GenerateModal({ schoolYear, onClose, onDone }: { schoolYear: number; onClose: () => void; onDone: (period: string) => void }) {
  const [form] = Form.useForm<{ what: 'month' | 'year'; month: string; schoolYear: number }>();
  const what = Form.useWatch('what', form);
  const { saving, failed, run } = useSaving();
  const submit = async () => {
    const v = await form.validateFields();
    await run(async () => {
      const r = await teacherApi.generatePayables(v.what === 'month' ? { month: v.month } : { schoolYear: v.schoolYear });
      void message.success(`${r.period}：应发 ${r.due} 条，新生成 ${r.created} 条（已有 ${r.existing} 条），合计 ${yuan(r.amount)}`);
      onDone(r.period);
    });
  };
  return (
    <Modal open title="生成教师补助应发项目" okText="生成" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      {failed && <Alert type="error" showIcon message={failed} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ what: 'month', month: thisMonth(), schoolYear }}>
        <Form.Item name="what" label="项目">
          <Select aria-label="生成项目" options={[{ value: 'month', label: '每月补贴（乡镇工作补贴 300 元、乡村教师生活补助 500 元）' }, { value: 'year', label: '新任乡村教师学费补偿（5000 元/年，共 4 年）' }]} />
        </Form.Item>
        {what === 'year' ? (
          <Form.Item name="schoolYear" label="学年" rules={[{ required: true, message: '请填写学年' }]}>
            <InputNumber aria-label="补偿学年" min={2000} max={2100} />
          </Form.Item>
        ) : (
          <Form.Item name="month" label="月份" rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: '月份应为 年-月，如 2026-03' }]}>
            <Input type="month" aria-label="补贴月份" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function Payables({ schoolYear, canPay }: { schoolYear: number; canPay: boolean }) {
  const list = usePagedList<PayableItem, PayableList>('payables', (q) => teacherApi.payables(q), { prefix: 'p', filters: ['period', 'status'] });
  const [generating, setGenerating] = useState(false);
  const [batch, setBatch] = useState<number | null>(null);
  const [making, setMaking] = useState(false);
  const teacherBatches = useLoader(() => (canPay ? api.batches({ kind: 'teacher', pageSize: 20 }) : Promise.resolve(null)), [batch, canPay]);
  const period = list.filters.period;
  // 生成发放批次: the period's unpaid payables become a teacher batch, which goes 公示 → 审批 → 发放 in its drawer
  const makeBatch = async () => {
    if (!period) return;
    setMaking(true);
    try {
      const r = await api.createTeacherBatch(period);
      void message.success(`已生成发放批次 ${r.batch}：${period} 共 ${r.rows} 条，合计 ${yuan(r.amount)}；公示、审批后发放`);
      setBatch(r.batch);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setMaking(false);
    }
  };
  const honours = useLoader(() => teacherApi.honours(schoolYear), [schoolYear]);
  const sums = list.data?.amounts;
  return (
    <>
      {sums && (
        <Space size={48} wrap style={{ marginBottom: 12 }}>
          <Statistic title="待发放" value={yuan(sums.due)} />
          <Statistic title="已发放" value={yuan(sums.paid)} />
          <Statistic title="发放失败" value={yuan(sums.failed)} valueStyle={{ color: sums.failed > 0 ? '#cf1322' : undefined }} />
        </Space>
      )}
      <DataTable<PayableItem>
        list={list}
        exportPath="/api/teachers/payables"
        rowKey={(p) => p.id}
        emptyText="暂无应发补助（由县局生成：乡镇补贴 300 元/月、乡村教师生活补助 500 元/月、新任乡村教师学费补偿 5000 元/年）"
        totalText={(n) => `共 ${n} 条`}
        cardTitle={(p) => `${p.name} ${p.item}`}
        scrollX={1400}
        toolbar={
          <Space wrap>
            <Input.Search key={list.filters.period ?? ''} aria-label="期间" placeholder="期间：2026-03 或 2025" allowClear style={{ width: 220 }} defaultValue={list.filters.period} onSearch={(v) => list.setFilter('period', v.trim() || undefined)} />
            <Select aria-label="状态" placeholder="全部状态" allowClear style={{ width: 120 }} value={list.filters.status} options={['待发放', '已发放', '发放失败'].map((s) => ({ value: s, label: s }))} onChange={(v?: string) => list.setFilter('status', v)} />
            {canPay && <Button onClick={() => setGenerating(true)}>生成应发</Button>}
            {canPay && (
              <Button type="primary" loading={making} disabled={!period || !sums || sums.due + sums.failed === 0} title={period ? undefined : '先按期间筛选'} onClick={() => void makeBatch()}>
                生成发放批次
              </Button>
            )}
            {teacherBatches.data && teacherBatches.data.items.length > 0 && (
              <Select
                aria-label="教师补助发放批次"
                placeholder="发放批次"
                style={{ width: 220 }}
                value={null}
                options={teacherBatches.data.items.map((b) => ({ value: b.id, label: `批次 ${b.id} ${b.period ?? ''} ${b.status}` }))}
                onChange={(v: number) => setBatch(v)}
              />
            )}
          </Space>
        }
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证件号', dataIndex: 'idNumber', width: 190, card: false },
          { title: '学校', dataIndex: 'schoolName', width: 170 },
          { title: '项目', dataIndex: 'item', width: 160 },
          { title: '期间', dataIndex: 'period', width: 90 },
          { title: '金额', dataIndex: 'amount', width: 100, render: (v: number) => yuan(v) },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color={v === '已发放' ? 'green' : v === '发放失败' ? 'red' : 'blue'}>{v}</Tag> },
          { title: '发放日期', dataIndex: 'paidOn', width: 110 },
          { title: '依据', dataIndex: 'basis', width: 260, card: false, ellipsis: true },
        ]}
      />
      {generating && <GenerateModal schoolYear={schoolYear} onClose={() => setGenerating(false)} onDone={(period) => { setGenerating(false); list.setFilter('period', period); list.reload(); }} />}
      {batch !== null && (
        <BatchDrawer
          id={batch}
          canManage={canPay}
          onClose={() => {
            setQueryParams(Object.fromEntries(['page', 'pageSize', 'q', 'sort', 'status', 'school', 'name'].map((n) => [`rows.${n}`, null])));
            setBatch(null);
            teacherBatches.reload();
          }}
          onChanged={list.reload}
        />
      )}
      <Card size="small" title={`${schoolYear} 学年应表彰的长期从教教师（任教满 20、25、30 年）`} style={{ marginTop: 16 }}>
        {honours.error && <LoadError message={honours.error} onRetry={honours.reload} />}
        <Table
          size="small"
          rowKey={(h) => `${h.schoolCode}|${h.name}|${h.startMonth ?? ''}`}
          loading={honours.loading}
          pagination={false}
          dataSource={honours.data?.items ?? []}
          locale={{ emptyText: '本学年无应表彰教师' }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '身份证件号', dataIndex: 'idNumber' },
            { title: '学校', dataIndex: 'schoolName' },
            { title: '参加工作', dataIndex: 'startMonth' },
            { title: '表彰', dataIndex: 'honour', render: (v: number) => <Tag color="gold">{`从教 ${v} 年`}</Tag> },
          ]}
        />
      </Card>
    </>
  );
}
