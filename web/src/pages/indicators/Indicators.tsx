// 指标考核: every indicator of the school year within the user's scope — target against actual (met in
// green, not met in red), 口径 and 政策依据 — and per indicator a drawer with target against actual by
// township or school (bar chart and the paged, exportable table), the trend by term or school year
// (line chart), and for a county the form to enter a value the data does not give, with its evidence.
// 生成督导材料包 builds the inspector's pack of the user's region as a job, with its progress, then downloads it.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Segmented, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, FileZipOutlined, UploadOutlined } from '@ant-design/icons';
import { downloadInspectionPack, indicatorApi, inspectionPackApi, type BreakdownRow, type IndicatorItem, type IndicatorList, type IndicatorTrend, type Me } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { useJob } from '../../jobs.ts';
import { usePagedList } from '../../paging.ts';
import { queryParam, setQueryParams } from '../../router.ts';

const currentSchoolYear = () => (new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1);

function MetTag({ met, verdict }: { met: boolean | null; verdict: string }) {
  if (met === null) return <Tag>{verdict}</Tag>;
  return <Tag color={met ? 'green' : 'red'}>{met ? '达标' : '未达标'}</Tag>;
}

/**
 * 生成督导材料包: the pack of the user's region is built as a job (its progress shown, and in the job
 * table of 导入与任务), then downloaded; 下载督导材料包 fetches it again.
 */
export function InspectionPackButton({ schoolYear }: { schoolYear: number }) {
  const { message } = App.useApp();
  const [share, setShare] = useState<number | null>(null); // the share of the zip received while downloading
  const download = (id: string) => {
    downloadInspectionPack(id, setShare)
      .then((name) => message.success(`已下载 ${name}`))
      .catch((e: unknown) => message.error(errorText(e)))
      .finally(() => setShare(null));
  };
  // a running job is polled until it ends; when done its zip is downloaded
  const { job, running, follow } = useJob({ onDone: (j) => download(j.id), onFailed: (j) => void message.error(j.error?.message ?? '生成失败') });
  const start = () => {
    inspectionPackApi
      .start(schoolYear)
      .then(follow)
      .catch((e: unknown) => message.error(errorText(e)));
  };
  return (
    <Space wrap>
      <Button icon={<FileZipOutlined />} onClick={start} loading={running}>
        生成督导材料包
      </Button>
      {job && (
        <span data-testid="pack-progress" style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          {job.status === 'failed' ? `生成失败：${job.error?.message ?? ''}` : share !== null ? '正在下载' : job.status === 'done' ? '已生成' : (job.message ?? '排队中')}
          <Progress
            percent={Math.round((share ?? job.progress) * 100)}
            status={job.status === 'failed' ? 'exception' : job.status === 'done' && share === null ? 'success' : 'active'}
            size="small"
            style={{ width: 120, margin: 0 }}
          />
          {job.status === 'done' && (
            <Button size="small" icon={<DownloadOutlined />} onClick={() => download(job.id)} loading={share !== null}>
              下载督导材料包
            </Button>
          )}
        </span>
      )}
    </Space>
  );
}

function EnterForm({ item, schoolYear, onDone, onCancel }: { item: IndicatorItem; schoolYear: number; onDone: () => void; onCancel: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ value: number; evidence: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await indicatorApi.enter(item.code, { schoolYear, value: v.value, evidence: v.evidence });
      message.success(`已填报 ${item.name}`);
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`填报：${item.name}（${schoolYear}学年）`} okText="提交" cancelText="取消" confirmLoading={saving} onOk={() => void submit()} onCancel={onCancel}>
      <Typography.Paragraph type="secondary">口径：{item.caliber}。每次填报都留存记录（证据、填报人、时间），以最新一次为准。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="value" label={`数值（${item.unit}）`} rules={[{ required: true, message: '请填写数值' }]}>
          <InputNumber min={0} max={item.unit === '%' ? 100 : undefined} step={0.1} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="evidence" label="证据（文件、统计表或来源）" rules={[{ required: true, min: 2, message: '须写明证据' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：2025年教育装备统计表（县教育局装备股）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Breakdown({ item, schoolYear }: { item: IndicatorItem; schoolYear: number }) {
  const list = usePagedList<BreakdownRow>('indicator-breakdown', (q) => indicatorApi.breakdown(item.code, q), {
    prefix: 'b',
    filters: ['level', 'schoolYear'],
    defaults: { level: 'township', schoolYear: String(schoolYear) },
    pageSize: 20,
  });
  const level = list.filters.level === 'school' ? 'school' : 'township';
  const rows = list.items;
  const columns: DataColumn<BreakdownRow>[] = [
    { title: level === 'school' ? '学校' : '乡镇', dataIndex: 'name', sortKey: 'code' },
    { title: '目标值', dataIndex: 'targetText', width: 90 },
    { title: '实际值', dataIndex: 'actualText', width: 90, sortKey: 'actual', render: (v: string, r) => <span style={{ color: r.met === null ? undefined : r.met ? '#389e0d' : '#cf1322' }}>{v || '—'}</span> },
    { title: '分子/分母', width: 100, render: (_, r) => `${r.numerator}/${r.denominator}` },
    { title: '是否达标', dataIndex: 'met', width: 90, render: (m: boolean | null) => <MetTag met={m} verdict="无数据" /> },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Segmented
        value={level}
        options={[
          { label: '按乡镇', value: 'township' },
          { label: '按学校', value: 'school' },
        ]}
        onChange={(v) => list.setFilter('level', v === 'township' ? null : String(v))}
      />
      {rows.length > 0 && (
        <div data-testid="breakdown-chart">
          <EChart
            height={Math.max(220, rows.length * 28 + 60)}
            option={{
              grid: { left: 170, right: 50, top: 30, bottom: 30 },
              legend: { data: ['实际值', '目标值'] },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'value', axisLabel: { formatter: item.unit === '%' ? '{value}%' : '{value}' } },
              yAxis: { type: 'category', data: rows.map((r) => r.name) },
              series: [
                {
                  type: 'bar',
                  name: '实际值',
                  data: rows.map((r) => ({ value: r.actual ?? 0, itemStyle: { color: r.met === null ? '#bfbfbf' : r.met ? '#52c41a' : '#f5222d' } })),
                  label: { show: true, position: 'right' },
                },
                { type: 'bar', name: '目标值', data: rows.map((r) => r.target), itemStyle: { color: '#1677ff', opacity: 0.35 } },
              ],
            }}
          />
        </div>
      )}
      <DataTable<BreakdownRow> list={list} columns={columns} rowKey={(r) => r.code} exportPath={`/api/indicators/${item.code}/breakdown`} size="small" emptyText="范围内暂无数据" />
    </Space>
  );
}

function Trend({ item, schoolYear }: { item: IndicatorItem; schoolYear: number }) {
  const { data, error } = useLoader<IndicatorTrend>(() => indicatorApi.trend(item.code, schoolYear), [item.code, schoolYear]);
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!data) return null;
  return (
    <div data-testid="trend-chart">
      <EChart
        height={260}
        option={{
          grid: { left: 50, right: 40, top: 30, bottom: 40 },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'category', data: data.points.map((p) => p.period) },
          yAxis: { type: 'value', axisLabel: { formatter: item.unit === '%' ? '{value}%' : '{value}' } },
          series: [
            {
              type: 'line',
              name: '实际值',
              connectNulls: false,
              data: data.points.map((p) => p.actual),
              label: { show: true },
              markLine: { symbol: 'none', data: [{ yAxis: data.target, name: '目标值' }], label: { formatter: `目标 ${item.target.text}` }, lineStyle: { color: '#1677ff', type: 'dashed' } },
            },
          ],
        }}
      />
    </div>
  );
}

/** 佐证材料: the evidence files of the year's entries (download), and for a county the upload to the latest entry. */
function EvidenceFiles({ item, schoolYear, canEnter }: { item: IndicatorItem; schoolYear: number; canEnter: boolean }) {
  const { message } = App.useApp();
  const { data, reload } = useLoader(() => indicatorApi.evidence(item.code, schoolYear), [item.code, schoolYear]);
  const [busy, setBusy] = useState(false);
  const pick = (file: File) => {
    if (!item.entry) return;
    setBusy(true);
    indicatorApi
      .addEvidence(item.code, item.entry.id, file)
      .then(() => {
        void message.success(`已上传 ${file.name}`);
        reload();
      })
      .catch((e: unknown) => void message.error(errorText(e)))
      .finally(() => setBusy(false));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="evidence-files">
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>佐证材料</Typography.Title>
        {canEnter && item.entry && (
          <label>
            <input type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx" style={{ display: 'none' }} aria-label="上传佐证材料" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) pick(f); }} />
            <Button icon={<UploadOutlined />} loading={busy} onClick={(e) => ((e.currentTarget.previousSibling as HTMLInputElement | null)?.click())}>
              上传佐证材料
            </Button>
          </label>
        )}
      </Space>
      <Typography.Text type="secondary">PDF、图片（JPG/PNG）、Word（.docx）或 Excel（.xlsx），每个不超过 10 MB。</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '尚无佐证材料' }}
        columns={[
          { title: '文件', dataIndex: 'fileName', render: (v: string, r) => <a href={indicatorApi.evidenceUrl(r.id)} download>{v}</a> },
          { title: '大小', dataIndex: 'size', width: 100, render: (v: number) => `${Math.max(1, Math.round(v / 1024))} KB` },
          { title: '上传人', dataIndex: 'by', width: 110 },
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
        ]}
      />
    </Space>
  );
}

function IndicatorDrawer({ item, schoolYear, canEnter, onClose, onEntered }: { item: IndicatorItem; schoolYear: number; canEnter: boolean; onClose: () => void; onEntered: () => void }) {
  const [entering, setEntering] = useState(false);
  return (
    <Drawer open width={Math.min(860, window.innerWidth)} title={item.name} onClose={onClose} destroyOnClose>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Space size={40} wrap>
          <Statistic title="目标值" value={item.target.text} />
          <Statistic title="实际值" value={item.actualText || '—'} valueStyle={{ color: item.met === null ? undefined : item.met ? '#389e0d' : '#cf1322' }} />
          <div>
            <div style={{ color: 'rgba(0,0,0,0.45)', marginBottom: 4 }}>是否达标</div>
            <MetTag met={item.met} verdict={item.verdict} />
          </div>
        </Space>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label="口径">{item.caliber}</Descriptions.Item>
          <Descriptions.Item label="数据来源">{item.dataSource}</Descriptions.Item>
          <Descriptions.Item label="政策依据">{item.basis}</Descriptions.Item>
        </Descriptions>
        {item.computed ? (
          <>
            <Typography.Title level={5}>目标与实际 · 分乡镇 / 分学校</Typography.Title>
            <Breakdown item={item} schoolYear={schoolYear} />
          </>
        ) : (
          <Alert
            type="info"
            showIcon
            message="此指标没有可计算的数据，由县局按证据填报（全县一个数值）。"
            action={canEnter ? <Button type="primary" onClick={() => setEntering(true)}>填报</Button> : undefined}
          />
        )}
        {!item.computed && <EvidenceFiles item={item} schoolYear={schoolYear} canEnter={canEnter} />}
        <Typography.Title level={5}>趋势</Typography.Title>
        <Trend item={item} schoolYear={schoolYear} />
      </Space>
      {entering && (
        <EnterForm
          item={item}
          schoolYear={schoolYear}
          onCancel={() => setEntering(false)}
          onDone={() => {
            setEntering(false);
            onEntered();
          }}
        />
      )}
    </Drawer>
  );
}

export function Indicators({ me }: { me: Me }) {
  const [schoolYear, setSchoolYear] = useState(Number(queryParam('schoolYear')) || currentSchoolYear());
  const [open, setOpen] = useState<string | null>(queryParam('indicator'));
  const { data, error, loading, reload } = useLoader<IndicatorList>(() => indicatorApi.list(schoolYear), [schoolYear]);
  const canEnter = me.permissions.includes('indicator.enter');
  const canPack = me.permissions.includes('indicator.pack');
  const items = useMemo(() => data?.items ?? [], [data]);
  const opened = items.find((i) => i.code === open) ?? null;
  const show = (code: string | null) => {
    setOpen(code);
    setQueryParams({ indicator: code, 'b.page': null, 'b.level': null, 'b.sort': null });
  };
  const count = (f: (i: IndicatorItem) => boolean) => items.filter(f).length;

  return (
    <Card
      title="指标考核"
      extra={
        <Space wrap>
          <InputNumber
            value={schoolYear}
            min={2015}
            max={2100}
            addonAfter="学年"
            style={{ width: 130 }}
            onChange={(v) => {
              if (!v) return;
              setSchoolYear(v);
              setQueryParams({ schoolYear: v });
            }}
          />
          {canPack && <InspectionPackButton schoolYear={schoolYear} />}
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={`加载失败：${error}`} action={<Button onClick={reload}>重试</Button>} style={{ marginBottom: 16 }} />}
      <Space size={48} wrap style={{ marginBottom: 16 }}>
        <Statistic title="指标" value={items.length} />
        <Statistic title="达标" value={count((i) => i.met === true)} valueStyle={{ color: '#389e0d' }} />
        <Statistic title="未达标" value={count((i) => i.met === false)} valueStyle={{ color: '#cf1322' }} />
        <Statistic title="无数据或未填报" value={count((i) => i.met === null)} />
      </Space>
      <Table<IndicatorItem>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(r) => ({ onClick: () => show(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: '指标', dataIndex: 'name', render: (v: string) => <a>{v}</a> },
          { title: '目标值', width: 150, render: (_, r) => r.target.text },
          { title: '实际值', width: 100, render: (_, r) => <span style={{ fontWeight: 600, color: r.met === null ? undefined : r.met ? '#389e0d' : '#cf1322' }}>{r.actualText || '—'}</span> },
          { title: '是否达标', width: 100, render: (_, r) => <MetTag met={r.met} verdict={r.verdict} /> },
          { title: '来源', width: 90, render: (_, r) => (r.computed ? <Tag color="blue">数据计算</Tag> : <Tag color="purple">人工填报</Tag>) },
          {
            title: '政策依据',
            dataIndex: 'basis',
            ellipsis: { showTitle: false },
            render: (v: string) => (
              <Tooltip title={v} placement="topLeft">
                {v}
              </Tooltip>
            ),
          },
        ]}
      />
      {opened && <IndicatorDrawer key={`${opened.code}|${schoolYear}`} item={opened} schoolYear={schoolYear} canEnter={canEnter} onClose={() => show(null)} onEntered={reload} />}
    </Card>
  );
}
