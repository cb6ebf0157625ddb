// 数据导入: upload a list (.csv / .xlsx / .xls) as a background job with a progress bar, see every
// job (who, when, file, outcome) and download the rejected rows in the upload's own format. The
// jobs live on the server: a reload finds them where they were.
import { useState } from 'react';
import { App, Button, Card, Progress, Select, Space, Tag, Typography, Upload } from 'antd';
import { InboxOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, inspectionPackUrl, type JobItem, type Me } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

const LISTS = [
  { value: 'schools', label: '学校名单' },
  { value: 'students', label: '学籍名单' },
  { value: 'households', label: '困难家庭名单' },
  { value: 'teachers', label: '教师花名册' },
];
const LIST_KINDS = ['建档立卡', '低保', '特困', '孤儿', '残疾'];
/** 任务状态 (jobs.schema.ts JOB_STATUS_LABELS; the schema module is not bundled). */
const JOB_STATUS_LABELS: Record<JobItem['status'], string> = { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' };
const STATUS_COLORS: Record<JobItem['status'], string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };

function outcome(j: JobItem) {
  if (j.status === 'failed') return <Typography.Text type="danger">{j.error?.message ?? j.message}</Typography.Text>;
  const r = j.result;
  if (!r) return <Typography.Text type="secondary">{j.message}</Typography.Text>;
  if (j.kind === 'inspection') return `${r.files ?? 0} 个文件 · 达标 ${r.met ?? 0} · 未达标 ${r.notMet ?? 0} · 无数据 ${r.noData ?? 0}`;
  if (j.kind === 'match') return `自动确认 ${r.auto ?? 0} · 待复核 ${r.review ?? 0} · 未比中 ${r.unmatched ?? 0}`;
  return (
    <Space size={4} wrap>
      <Tag color="green">新增 {r.inserted ?? 0}</Tag>
      <Tag color="blue">更新 {r.updated ?? 0}</Tag>
      <Tag>未变 {r.unchanged ?? 0}</Tag>
      <Tag color={r.rejected ? 'red' : 'default'}>拒收 {r.rejected ?? 0}</Tag>
      {r.warnings ? <Tag color="orange">提示 {r.warnings}</Tag> : null}
    </Space>
  );
}

export function Imports({ me }: { me: Me }) {
  const { message } = App.useApp();
  const [list, setList] = useState('students');
  const [listKind, setListKind] = useState('建档立卡');
  const canRun = me.permissions.includes('job.run');
  // while a job runs, the page is asked again every second
  const jobs = usePagedList<JobItem>('jobs', (q) => api.jobs(q), {
    filters: ['kind', 'status'],
    pageSize: 10,
    pollWhile: (d) => (d.items as JobItem[]).some((j) => j.status === 'queued' || j.status === 'running'),
  });

  const upload = async (file: File) => {
    try {
      await api.uploadImport(list, list === 'households' ? listKind : undefined, file);
      void message.success(`已开始导入 ${file.name}`);
      if (jobs.page === 1) jobs.reload();
      else jobs.setPage(1);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const runMatch = async () => {
    try {
      const m = new Date().getMonth() + 1;
      const year = m >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1;
      await api.runMatch(year);
      jobs.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {canRun && (
        <Card title="导入名单">
          <Space wrap style={{ marginBottom: 12 }}>
            <Select value={list} options={LISTS} style={{ width: 160 }} onChange={setList} aria-label="名单类型" />
            {list === 'households' && <Select value={listKind} options={LIST_KINDS.map((k) => ({ value: k, label: k }))} style={{ width: 120 }} onChange={setListKind} />}
            <Button icon={<PlayCircleOutlined />} onClick={() => void runMatch()}>
              运行比对
            </Button>
          </Space>
          <Upload.Dragger
            accept=".csv,.xlsx,.xls"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入文件：.csv（UTF-8 或 GB18030）、.xlsx、.xls</p>
            <p className="ant-upload-hint">按列名识别，标题行、空行、Excel 损坏的身份证号都能处理；被拒收的行可下载，附“错误原因”列。</p>
          </Upload.Dragger>
        </Card>
      )}
      <Card title="任务" extra={<Button icon={<ReloadOutlined />} onClick={jobs.reload}>刷新</Button>}>
        <DataTable<JobItem>
          list={jobs}
          exportPath="/api/jobs"
          rowKey={(j) => j.id}
          size="middle"
          scrollX={900}
          emptyText="暂无任务"
          totalText={(n) => `共 ${n} 个任务`}
          cardTitle={(j) => j.title}
          toolbar={
            <>
              <Select
                placeholder="全部任务"
                allowClear
                style={{ width: 130 }}
                value={jobs.filters.kind}
                options={[
                  { value: 'import', label: '导入' },
                  { value: 'match', label: '比对' },
                  { value: 'inspection', label: '督导材料包' },
                ]}
                onChange={(v: string | undefined) => jobs.setFilter('kind', v)}
              />
              <Select
                placeholder="全部状态"
                allowClear
                style={{ width: 130 }}
                value={jobs.filters.status}
                options={Object.entries(JOB_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
                onChange={(v: string | undefined) => jobs.setFilter('status', v)}
              />
            </>
          }
          columns={[
            { title: '时间', dataIndex: 'createdAt', width: 150, sortKey: 'createdAt', render: (v: string) => new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) },
            { title: '操作人', dataIndex: 'actor', width: 110, sortKey: 'actor' },
            { title: '任务', dataIndex: 'title', width: 180 },
            { title: '文件', dataIndex: 'fileName', ellipsis: true },
            { title: '状态', dataIndex: 'status', width: 90, sortKey: 'status', render: (v: JobItem['status'], j) => <Tag color={STATUS_COLORS[v]}>{j.statusLabel}</Tag> },
            {
              title: '进度',
              dataIndex: 'progress',
              width: 160,
              render: (v: number, j) => <Progress percent={Math.round(v * 100)} size="small" status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />,
            },
            { title: '结果', key: 'outcome', render: (_: unknown, j) => outcome(j) },
            {
              title: '',
              key: 'errors',
              width: 130,
              render: (_: unknown, j) =>
                j.kind === 'inspection' && j.status === 'done' ? (
                  <a href={inspectionPackUrl(j.id)} download>
                    下载督导材料包
                  </a>
                ) : j.hasErrorsFile && canRun && (j.result?.rejected ?? 0) > 0 ? (
                  <a href={`/api/jobs/${j.id}/errors`} download>
                    下载被拒收的行
                  </a>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
