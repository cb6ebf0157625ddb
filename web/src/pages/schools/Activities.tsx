// 结对帮扶与活动: two tabs. 结对帮扶 — the school pairings of the user's scope with their activities of
// the school year against the minimums (联合教研 each semester, 挂职 and 课题 each year; who is behind
// is highlighted), 结对率, and an ECharts bar of activities by type per pairing. 活动记录 — the
// activities (server paging, filters type/school/dates in the URL, Excel export), 登记活动 (a form with
// organiser rows and the plan's sections), and a drawer with the record, its attachments (upload,
// download), 打印方案 (the PDF the school files), 编辑 and 删除 (with the version read: a stale one is
// refused), 导入 (an activity list from .xlsx/.xls/.csv, with the rows refused and why). A county adds a
// pairing with 新建结对.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { activityApi, api, currentSchoolYear, type ActivityDetail, type ActivityImportAnswer, type ActivityItem, type Me, type PairingOverview } from '../../api.ts';
import { errorText, useLoader, useSaving } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { ACTIVITY_KINDS } from '../../../../src/schools/pairing.rules.ts';

type PairingRow = PairingOverview['items'][number];

/** 新建结对: the county picks a helping and a helped school of its own (the server refuses duplicates and self-pairs). */
function PairingForm({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const schools = useLoader(() => api.schools(), []);
  const { saving: busy, failed: error, run } = useSaving();
  const [form] = Form.useForm<{ helper: string; helped: string; since?: string }>();
  const options = (schools.data?.items ?? []).map((s) => ({ value: s.code, label: `${s.name}（${s.code}）` }));
  const submit = (v: { helper: string; helped: string; since?: string }) =>
    run(async () => {
      const r = await activityApi.pair({ helper: v.helper, helped: v.helped, since: v.since || undefined });
      void message.success(`已登记结对 ${r.pairing}`);
      onDone();
    });
  return (
    <Modal open title="新建城乡学校结对" onCancel={onClose} okText="保存结对" okButtonProps={{ loading: busy }} onOk={() => form.submit()} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="helper" label="帮扶学校（城区学校）" rules={[{ required: true, message: '请选择帮扶学校' }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={schools.loading} aria-label="帮扶学校" />
        </Form.Item>
        <Form.Item name="helped" label="受帮扶学校（乡村或薄弱学校）" rules={[{ required: true, message: '请选择受帮扶学校' }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={schools.loading} aria-label="受帮扶学校" />
        </Form.Item>
        <Form.Item name="since" label="结对日期（默认今天）">
          <Input type="date" aria-label="结对日期" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PairingsTab({ canPair, onShowActivities }: { canPair: boolean; onShowActivities: (pairing: number) => void }) {
  const [pairing, setPairing] = useState(false);
  // the server's school year first (its today), then the one chosen
  const [chosen, setChosen] = useState<number | null>(null);
  const data = useLoader(() => activityApi.pairings(chosen ?? undefined), [chosen]);
  const year = data.data?.schoolYear ?? chosen ?? currentSchoolYear();
  const items = data.data?.items ?? [];
  const types = useMemo(() => ACTIVITY_KINDS.filter((k) => items.some((p) => p.counts.some((c) => c.type === k))), [items]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: types, type: 'scroll' },
      grid: { left: 48, right: 16, bottom: 80 },
      xAxis: { type: 'category', data: items.map((p) => `${p.helperName}→${p.helpedName}`), axisLabel: { rotate: 20, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, name: '活动次数' },
      series: types.map((k) => ({ name: k, type: 'bar', stack: 'n', data: items.map((p) => p.counts.find((c) => c.type === k)?.n ?? 0) })),
    }),
    [items, types],
  );
  if (data.error && !data.data) return <LoadError message={data.error} onRetry={data.reload} />;
  const behind = items.filter((p) => !p.compliant).length;
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <span>学年</span>
        <Select value={year} style={{ width: 120 }} onChange={setChosen} options={[1, 0, -1, -2, -3].map((d) => ({ value: year + d, label: `${year + d} 学年` }))} />
        {canPair && <Button type="primary" onClick={() => setPairing(true)}>新建结对</Button>}
      </Space>
      {pairing && <PairingForm onClose={() => setPairing(false)} onDone={() => { setPairing(false); data.reload(); }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}><Statistic title="结对数" value={items.length} /></Col>
        <Col xs={12} md={6}><Statistic title="未达最低要求" value={behind} valueStyle={{ color: behind > 0 ? '#cf1322' : undefined }} /></Col>
        <Col xs={12} md={6}><Statistic title="结对率" value={data.data?.pairingRate ?? '—'} suffix={data.data?.pairingRate === null || !data.data ? '' : '%'} /></Col>
        <Col xs={12} md={6}><Statistic title="应结对 / 已结对学校" value={`${data.data?.schoolsToPair ?? 0} / ${data.data?.pairedSchools ?? 0}`} /></Col>
      </Row>
      {data.data && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          message="最低要求"
          description={data.data.minimums.map((m) => `${m.type}：每${m.per}至少 ${m.atLeast} 次`).join('；')}
        />
      )}
      {items.length > 0 && types.length > 0 && (
        <Card size="small" title={`${year} 学年各结对活动次数（按类型）`} style={{ marginBottom: 16 }}>
          <EChart option={option} height={320} />
        </Card>
      )}
      <Table<PairingRow>
        rowKey="id"
        size="middle"
        loading={data.loading}
        dataSource={items}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: '暂无结对' }}
        onRow={(p) => ({ style: p.compliant ? undefined : { background: '#fff1f0' } })}
        columns={[
          { title: '结对编号', dataIndex: 'id', width: 90 },
          { title: '帮扶学校', dataIndex: 'helperName' },
          { title: '受帮扶学校', dataIndex: 'helpedName' },
          { title: '结对日期', dataIndex: 'since', width: 110 },
          { title: '本学年活动', render: (_: unknown, p) => (p.counts.length ? p.counts.map((c) => `${c.type} ${c.n}`).join('、') : '—') },
          {
            title: '是否达标',
            width: 260,
            render: (_: unknown, p) => (p.compliant ? <Tag color="green">达标</Tag> : <Space direction="vertical" size={2}>{p.behind.map((b) => <Tag key={b} color="red">{`落后：${b}`}</Tag>)}</Space>),
          },
          { title: '', width: 90, render: (_: unknown, p) => <Button type="link" size="small" onClick={() => onShowActivities(p.id)}>活动记录</Button> },
        ]}
      />
    </>
  );
}

interface FormValues {
  type: string;
  title: string;
  scope?: string;
  goal?: string;
  start: string;
  end?: string;
  place?: string;
  organisers?: { person: string; role: string; duty: string }[];
  participants?: string;
  expected?: number | null;
  present?: number | null;
  arrangements?: string;
  safety?: string;
  summary?: string;
}

/** The datetime-local value of 'YYYY-MM-DD HH:mm' (or a day alone). */
const localInput = (v: string | null) => (v ? (v.length === 10 ? `${v}T00:00` : v.replace(' ', 'T')) : undefined);

/** 登记活动, or with `edit` the same form filled with the record and saved with the version it was read at. */
function ActivityForm({ me, pairings, edit, onClose, onDone }: { me: Me; pairings: PairingRow[]; edit?: ActivityDetail; onClose: () => void; onDone: (id: number) => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const targets = [
    ...(me.schoolCode ? [{ value: `school:${me.schoolCode}`, label: '本校活动' }] : []),
    ...pairings.map((p) => ({ value: `pairing:${p.id}`, label: `结对 ${p.id}：${p.helperName} → ${p.helpedName}` })),
  ];
  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    const [kind, ref] = (v.scope ?? '').split(':');
    const fields = {
      type: v.type, title: v.title, goal: v.goal, start: v.start.replace('T', ' '), end: v.end ? v.end.replace('T', ' ') : null, place: v.place,
      organisers: (v.organisers ?? []).filter((o) => o?.person), participants: v.participants, expected: v.expected ?? null, present: v.present ?? null,
      arrangements: v.arrangements, safety: v.safety, summary: v.summary,
    };
    try {
      if (edit) {
        await activityApi.edit(edit.id, { ...fields, version: edit.version });
        void message.success(`已保存活动 ${edit.id} 的修改`);
        onDone(edit.id);
        return;
      }
      const r = await activityApi.add({ ...fields, ...(kind === 'pairing' ? { pairing: Number(ref) } : { school: ref }) });
      void message.success(`已登记活动 ${r.activity}（${r.type}）`);
      onDone(r.activity);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer open title={edit ? `编辑活动 ${edit.id}` : '登记活动 / 活动方案'} width={720} onClose={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        layout="vertical"
        initialValues={
          edit
            ? {
                type: edit.type, title: edit.title, goal: edit.goal ?? undefined, start: localInput(edit.start ?? edit.date), end: localInput(edit.end), place: edit.place ?? undefined,
                organisers: edit.organisers, participants: edit.participants ?? undefined, expected: edit.expected, present: edit.present,
                arrangements: edit.arrangements ?? undefined, safety: edit.safety ?? undefined, summary: edit.summary ?? undefined,
              }
            : { scope: targets[0]?.value, organisers: [{ person: '', role: '组长', duty: '' }] }
        }
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="type" label="活动类型" rules={[{ required: true, message: '请选择活动类型' }]}>
              <Select showSearch options={ACTIVITY_KINDS.map((k) => ({ value: k, label: k }))} placeholder="劳动教育、联合教研…" />
            </Form.Item>
          </Col>
          <Col span={12}>
            {edit ? (
              <Form.Item label="所属">
                <Input disabled value={edit.pairing !== null ? `结对 ${edit.pairing}：${edit.helperName ?? ''} → ${edit.schoolName ?? ''}` : (edit.schoolName ?? edit.schoolCode ?? '')} />
              </Form.Item>
            ) : (
              <Form.Item name="scope" label="所属" rules={[{ required: true, message: '请选择本校活动或结对' }]}>
                <Select options={targets} placeholder={me.schoolCode ? '' : '选择结对'} />
              </Form.Item>
            )}
          </Col>
        </Row>
        <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="goal" label="一、活动目标">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="start" label="开始时间" rules={[{ required: true, message: '请填写开始时间' }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="end" label="结束时间">
              <Input type="datetime-local" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label="地点">
          <Input maxLength={200} />
        </Form.Item>
        <Typography.Text strong>三、组织机构及职责</Typography.Text>
        <Form.List name="organisers">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8, marginBottom: 16 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'person']} rules={[{ required: true, whitespace: true, message: '请填写人员' }]}>
                    <Input placeholder="人员" aria-label={`组织人员${i + 1}`} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'role']}>
                    <Input placeholder="职务（组长、成员…）" aria-label={`职务${i + 1}`} style={{ width: 150 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'duty']} rules={[{ required: true, whitespace: true, message: '请填写职责' }]}>
                    <Input placeholder="职责" aria-label={`职责${i + 1}`} style={{ width: 240 }} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={`删除第${i + 1}行`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ person: '', role: '成员', duty: '' })} icon={<PlusOutlined />}>
                添加组织人员
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="participants" label="四、参加人员">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="expected" label="应到人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="present" label="实到人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="arrangements" label="五、活动安排（每行一步）">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="safety" label="六、安全保障与应急预案">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Form.Item name="summary" label="七、活动总结（活动结束后填写）">
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          {edit ? '保存修改' : '保存活动'}
        </Button>
      </Form>
    </Drawer>
  );
}

function ActivityDrawer({ id, me, pairings, onClose, onChanged }: { id: number; me: Me; pairings: PairingRow[]; onClose: () => void; onChanged: () => void }) {
  const { message } = App.useApp();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const d = useLoader(() => activityApi.one(id), [id, tick]);
  const a = d.data;
  const canRecord = me.permissions.includes('activity.record');
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await activityApi.attach(id, file);
      void message.success(`已上传附件 ${r.fileName}`);
      setTick((x) => x + 1);
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  // deleted with the version shown: someone's change in between is refused (409) and said so
  const remove = async () => {
    if (!a) return;
    try {
      await activityApi.remove(a.id, a.version);
      void message.success(`已删除活动 ${a.id}`);
      onChanged();
      onClose();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  const actions = (
    <Space>
      {canRecord && a && <Button onClick={() => setEditing(true)}>编辑</Button>}
      {canRecord && a && (
        <Popconfirm title={`删除活动“${a.title}”及其附件？`} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => void remove()}>
          <Button danger>删除</Button>
        </Popconfirm>
      )}
      <Button type="primary" href={activityApi.planUrl(id)} download={`活动方案-${id}.pdf`}>打印方案</Button>
    </Space>
  );
  return (
    <Drawer open width={720} title={a ? `${a.title}（${a.type}）` : `活动 ${id}`} onClose={onClose} extra={actions}>
      {editing && a && <ActivityForm me={me} pairings={pairings} edit={a} onClose={() => setEditing(false)} onDone={() => { setEditing(false); setTick((x) => x + 1); onChanged(); }} />}
      {d.error && !a && <LoadError message={d.error} onRetry={d.reload} />}
      {a && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="学校">{a.schoolName ?? a.schoolCode}</Descriptions.Item>
            {a.pairing !== null && <Descriptions.Item label="结对">{`结对 ${a.pairing}（帮扶学校：${a.helperName ?? ''}）`}</Descriptions.Item>}
            <Descriptions.Item label="活动目标">{a.goal ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="时间">{`${a.start ?? a.date}${a.end ? ` 至 ${a.end}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label="地点">{a.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="组织机构及职责">
              {a.organisers.length ? a.organisers.map((o, i) => <div key={i}>{`${o.role}：${o.person}——${o.duty}`}</div>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="参加人员">{a.participants ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="人数">{`应到 ${a.expected ?? '—'} 人，实到 ${a.present ?? '—'} 人`}</Descriptions.Item>
            <Descriptions.Item label="活动安排"><div style={{ whiteSpace: 'pre-wrap' }}>{a.arrangements ?? '—'}</div></Descriptions.Item>
            <Descriptions.Item label="安全保障与应急预案"><div style={{ whiteSpace: 'pre-wrap' }}>{a.safety ?? '—'}</div></Descriptions.Item>
            <Descriptions.Item label="活动总结"><div style={{ whiteSpace: 'pre-wrap' }}>{a.summary ?? '（未总结）'}</div></Descriptions.Item>
            <Descriptions.Item label="最近登记或修改">{`${a.actor} ${new Date(a.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}`}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>附件</Typography.Title>
          <List
            size="small"
            locale={{ emptyText: '暂无附件' }}
            dataSource={a.files}
            renderItem={(f) => (
              <List.Item>
                <a href={activityApi.attachmentUrl(id, f.n)} download={f.fileName}>{f.fileName}</a>
                <span>{`${Math.ceil(f.size / 1024)} KB`}</span>
              </List.Item>
            )}
          />
          {canRecord && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">上传附件（.pdf、.jpg、.png、.docx、.xlsx，不超过 10 MB）：</Typography.Text>
              <input type="file" aria-label="上传附件" disabled={busy} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" onChange={(e) => void upload(e.target.files?.[0])} />
            </div>
          )}
        </>
      )}
    </Drawer>
  );
}

/** 导入: one activity list uploaded; the counts and every refused row (file, row, column, value, reason). */
function ImportModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { saving: busy, failed: error, run } = useSaving();
  const [result, setResult] = useState<ActivityImportAnswer | null>(null);
  const send = (file: File) =>
    run(async () => {
      setResult(null);
      const r = await activityApi.importFile(file);
      setResult(r);
      if (r.imported > 0) onDone();
    });
  return (
    <Modal open width={860} title="导入活动记录" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        支持 .xlsx、.xls、.csv（UTF-8 或 GB18030），表头前可有标题行。列：活动类型、活动名称、开始时间（或活动日期）、结束时间、结对编号 或 帮扶学校标识码 + 学校标识码（或只填学校标识码）、活动目标、地点、组织机构及职责（人员|职务|职责，多人用；分隔）、参加人员、应到人数、实到人数、活动安排、安全保障与应急预案、活动总结。同一学校、结对、类型、日期和名称的活动再次导入不会重复。
      </Typography.Paragraph>
      <Upload.Dragger accept=".xlsx,.xls,.csv" showUploadList={false} disabled={busy} beforeUpload={(file) => { void send(file); return false; }}>
        <p>{busy ? '正在导入……' : '点击或拖入活动记录表'}</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {result && (
        <>
          <Alert
            style={{ marginTop: 16 }}
            type={result.rejected > 0 ? 'warning' : 'success'}
            showIcon
            message={`${result.file}：共 ${result.rows} 行，导入 ${result.imported} 行（新增 ${result.inserted}，更新 ${result.updated}，已有 ${result.unchanged}），拒收 ${result.rejected} 行`}
          />
          {result.errors.length > 0 && (
            <Table
              style={{ marginTop: 16 }}
              size="small"
              rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
              pagination={{ pageSize: 10 }}
              dataSource={result.errors}
              aria-label="被拒收的行"
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '列', dataIndex: 'column', width: 130 },
                { title: '值', dataIndex: 'value', width: 140 },
                { title: '原因', render: (_: unknown, e) => <>{e.reason}<br /><Typography.Text type="secondary">{e.reasonEn}</Typography.Text></> },
              ]}
            />
          )}
        </>
      )}
    </Modal>
  );
}

function ActivitiesTab({ me, pairings }: { me: Me; pairings: PairingRow[] }) {
  const list = usePagedList<ActivityItem>('activities', (q) => activityApi.list(q), { filters: ['type', 'pairing', 'from', 'to'] });
  const [open, setOpen] = useState<number | null>(() => (queryParam('activity') ? Number(queryParam('activity')) : null));
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const show = (id: number | null) => {
    setOpen(id);
    setQueryParams({ activity: id });
  };
  const canRecord = me.permissions.includes('activity.record');
  return (
    <>
      <DataTable<ActivityItem>
        list={list}
        exportPath="/api/activities"
        rowKey={(r) => r.id}
        emptyText="暂无活动记录"
        totalText={(n) => `共 ${n} 次活动`}
        scrollX={760}
        cardTitle={(r) => `${r.title}（${r.type}）`}
        cardActions={(r) => [<Button key="open" type="link" onClick={() => show(r.id)}>查看</Button>]}
        toolbar={
          <Space wrap>
            <Select allowClear placeholder="活动类型" style={{ width: 140 }} value={list.filters.type} onChange={(v?: string) => list.setFilter('type', v)} options={ACTIVITY_KINDS.map((k) => ({ value: k, label: k }))} />
            <Input type="date" aria-label="起始日期" style={{ width: 150 }} value={list.filters.from ?? ''} onChange={(e) => list.setFilter('from', e.target.value || undefined)} />
            <Input type="date" aria-label="截止日期" style={{ width: 150 }} value={list.filters.to ?? ''} onChange={(e) => list.setFilter('to', e.target.value || undefined)} />
            {list.filters.pairing && <Tag closable onClose={() => list.setFilter('pairing', undefined)}>{`结对 ${list.filters.pairing}`}</Tag>}
            {canRecord && <Button type="primary" onClick={() => setAdding(true)}>登记活动</Button>}
            {canRecord && <Button onClick={() => setImporting(true)}>导入</Button>}
          </Space>
        }
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '日期', dataIndex: 'date', width: 110, sortKey: 'date' },
          { title: '类型', dataIndex: 'type', width: 100, sortKey: 'kind', render: (v: string) => <Tag>{v}</Tag> },
          { title: '活动名称', dataIndex: 'title', sortKey: 'title' },
          { title: '学校', dataIndex: 'schoolName', sortKey: 'school' },
          { title: '结对帮扶学校', dataIndex: 'helperName', render: (v: string | null) => v ?? '—', card: false },
          { title: '组织人员', render: (_: unknown, r) => r.organisers.map((o) => o.person).join('、') || '—', card: false },
          { title: '人数', width: 100, render: (_: unknown, r) => (r.expected === null && r.present === null ? '—' : `${r.present ?? '—'} / ${r.expected ?? '—'}`) },
          { title: '附件', dataIndex: 'attachments', width: 60 },
          { title: '', key: 'open', width: 70, card: false, render: (_: unknown, r) => <Button type="link" size="small" onClick={() => show(r.id)}>查看</Button> },
        ]}
      />
      {adding && <ActivityForm me={me} pairings={pairings} onClose={() => setAdding(false)} onDone={(id) => { setAdding(false); list.reload(); show(id); }} />}
      {importing && <ImportModal onClose={() => setImporting(false)} onDone={list.reload} />}
      {open !== null && <ActivityDrawer id={open} me={me} pairings={pairings} onClose={() => show(null)} onChanged={list.reload} />}
    </>
  );
}

export function Activities({ me }: { me: Me }) {
  const [tab, setTab] = useState(() => queryParam('tab') ?? 'pairings');
  const pairings = useLoader(() => activityApi.pairings(), []);
  const go = (key: string) => {
    setTab(key);
    setQueryParams({ tab: key });
  };
  return (
    <Card title="学校结对与活动">
      <Tabs
        activeKey={tab}
        onChange={go}
        items={[
          { key: 'pairings', label: '结对帮扶', children: <PairingsTab canPair={me.permissions.includes('activity.pair')} onShowActivities={(id) => { setQueryParams({ pairing: id, page: null }); go('activities'); }} /> },
          { key: 'activities', label: '活动记录', children: <ActivitiesTab me={me} pairings={pairings.data?.items ?? []} /> },
        ]}
      />
    </Card>
  );
}
