// 发放批次: the county's disbursement work of a term — create a batch from the entitlements, start
// its 公示 and print the list (PDF / xlsx), record and answer objections, approve after the period,
// download the bank's file and upload the bank's result. Every step is the server's use case; a
// refused step shows the server's reason.
import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Grid, Input, InputNumber, Select, Space, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { api, type BatchDetail, type BatchItem, type BatchLineItem, type Me } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { setQueryParams } from '../../router.ts';

const STATUS_COLORS: Record<string, string> = { 草稿: 'default', 公示中: 'processing', 已审批: 'blue', 部分发放: 'orange', 已发放: 'success', 已撤销: 'error' };
const TERMS = ['秋季', '春季'];
const PAY_FILTERS = [
  { value: 'unpaid', label: '待发放' },
  { value: 'paid', label: '已发放' },
  { value: 'returned', label: '发放失败（银行退回）' },
];
/** The URL names of the drawer's rows list (prefix rows.), cleared when the drawer closes. */
const ROW_PARAMS = ['page', 'pageSize', 'q', 'sort', 'status', 'school', 'name'].map((n) => `rows.${n}`);

function currentYear(): number {
  const now = new Date();
  return now.getMonth() + 1 >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

export function Batches({ me }: { me: Me }) {
  const { message } = App.useApp();
  // 学年 and 学期 are filters of the list, kept in the URL with the page and sort
  const list = usePagedList<BatchItem>('batches', (q) => api.batches(q), {
    filters: ['schoolYear', 'term'],
    defaults: { schoolYear: String(currentYear()), term: new Date().getMonth() + 1 >= 9 || new Date().getMonth() + 1 <= 2 ? '秋季' : '春季' },
    pageSize: 10,
  });
  const schoolYear = Number(list.filters.schoolYear) || currentYear();
  const term = list.filters.term ?? '秋季';
  const [open, setOpen] = useState<number | null>(null);
  const canManage = me.permissions.includes('aid.manage');
  const reload = list.reload;

  const create = async () => {
    try {
      const r = await api.createBatch(schoolYear, term);
      void message.success(`已生成批次 ${r.batch}：${r.rows} 人次，${r.amount} 元`);
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Card
      title="发放批次"
      extra={
        <Space wrap>
          <InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && list.setFilter('schoolYear', v)} addonAfter="学年" style={{ width: 130 }} />
          <Select value={term} options={TERMS.map((t) => ({ value: t, label: t }))} onChange={(v: string) => list.setFilter('term', v)} style={{ width: 90 }} />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void create()}>
              生成批次
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={reload} />
        </Space>
      }
    >
      <DataTable<BatchItem>
        list={list}
        exportPath="/api/aid/batches"
        rowKey={(b) => b.id}
        scrollX={800}
        emptyText="本学期暂无发放批次"
        totalText={(n) => `共 ${n} 个批次`}
        cardTitle={(b) => `批次 ${b.id} ${b.schoolYear}学年${b.term}`}
        cardActions={(b) => [
          <Button key="open" type="link" onClick={() => setOpen(b.id)}>
            办理
          </Button>,
        ]}
        columns={[
          { title: '批次', dataIndex: 'id', width: 70, sortKey: 'id' },
          { title: '学期', key: 'term', render: (_: unknown, b) => `${b.schoolYear}学年${b.term}` },
          { title: '项目', dataIndex: 'item', render: (v: string | null, b) => (b.kind === 'teacher' ? `教师补助 ${b.period ?? ''}` : (v ?? '全部项目')) },
          { title: '人次', dataIndex: 'rows', width: 80, sortKey: 'rows' },
          { title: '金额（元）', dataIndex: 'amount', width: 110, sortKey: 'amount' },
          { title: '状态', dataIndex: 'status', width: 100, sortKey: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
          { title: '公示期', key: 'notice', render: (_: unknown, b) => (b.noticeStart ? `${b.noticeStart} 至 ${b.noticeEnd}` : '—') },
          { title: '', key: 'open', width: 80, card: false, render: (_: unknown, b) => <Button type="link" onClick={() => setOpen(b.id)}>办理</Button> },
        ]}
      />
      {open !== null && (
        <BatchDrawer
          id={open}
          canManage={canManage}
          onClose={() => {
            setQueryParams(Object.fromEntries(ROW_PARAMS.map((n) => [n, null])));
            setOpen(null);
          }}
          onChanged={reload}
        />
      )}
    </Card>
  );
}

/** One batch: its facts, 公示, objections, approval, the bank's files and its rows (also opened from the teachers page for a teacher batch). */
export function BatchDrawer({ id, canManage, onClose, onChanged }: { id: number; canManage: boolean; onClose: () => void; onChanged: () => void }) {
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const [d, setD] = useState<BatchDetail | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  // the batch's rows: paged, sorted and filtered by the server, state in the URL (rows.*)
  const rows = usePagedList<BatchLineItem>('batch-rows', (q) => api.batchRows(id, q), { filters: ['status', 'school', 'name'], prefix: 'rows', deps: [id, tick] });
  const [days, setDays] = useState(5);
  const [contact, setContact] = useState('县学生资助管理中心');
  const [objection, setObjection] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});

  useEffect(() => {
    api
      .batch(id)
      .then((b) => {
        setD(b);
        if (b.kind === 'teacher') setContact((c) => (c === '县学生资助管理中心' ? '县教育局教师工作股' : c));
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)));
  }, [id, tick]);

  const step = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(`${label}：已完成`);
      setTick((t) => t + 1);
      onChanged();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Drawer open title={`批次 ${id}`} onClose={onClose} size={screens.md ? 'large' : '100%'}>
      {failed && <LoadError message={failed} onRetry={() => setTick((t) => t + 1)} />}
      {!d ? null : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {/* one fact a line on a phone, two beside each other from a tablet up */}
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_COLORS[d.status]}>{d.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="人次 / 金额">{`${d.rows} / ${d.amount} 元`}</Descriptions.Item>
            <Descriptions.Item label="公示期">{d.noticeStart ? `${d.noticeStart} 至 ${d.noticeEnd}` : '未公示'}</Descriptions.Item>
            <Descriptions.Item label="审批">{d.approvedBy ? `${d.approvedBy}（${d.approvedAt ?? ''}）` : '未审批'}</Descriptions.Item>
            <Descriptions.Item label="发放情况" span={{ xs: 1, sm: 2 }}>
              {Object.entries(d.payCounts).map(([k, n]) => (
                <Tag key={k}>{`${k} ${n}`}</Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
          {canManage && (
            <Card size="small" title="办理">
              <Space wrap>
                {d.status === '草稿' && (
                  <>
                    <InputNumber min={5} max={30} value={days} onChange={(v) => v && setDays(v)} addonAfter="个工作日" />
                    <Input value={contact} onChange={(e) => setContact(e.target.value)} placeholder="异议受理联系方式" style={{ width: 220 }} />
                    <Button type="primary" onClick={() => void step('发布公示', () => api.publishNotice(id, days, contact))}>
                      发布公示
                    </Button>
                  </>
                )}
                {d.status !== '草稿' && (
                  <>
                    <Button icon={<DownloadOutlined />} href={`/api/aid/batches/${id}/notice?format=pdf`}>
                      公示名单 PDF
                    </Button>
                    <Button icon={<DownloadOutlined />} href={`/api/aid/batches/${id}/notice?format=xlsx`}>
                      公示名单 xlsx
                    </Button>
                  </>
                )}
                {d.status === '公示中' && (
                  <Button type="primary" onClick={() => void step('审批', () => api.approveBatch(id))}>
                    审批通过
                  </Button>
                )}
                {(d.status === '已审批' || d.status === '部分发放') && (
                  <>
                    <Button icon={<DownloadOutlined />} href={`/api/aid/batches/${id}/payfile`}>
                      银行代发文件
                    </Button>
                    {/* a teacher batch's file masks cards and ID numbers unless asked for in full (audited) */}
                    {d.kind === 'teacher' && (
                      <Button icon={<DownloadOutlined />} href={`/api/aid/batches/${id}/payfile?full=1`}>
                        银行代发文件（完整账号）
                      </Button>
                    )}
                    <Upload
                      accept=".csv,.xlsx,.xls"
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void step('导入银行发放结果', () => api.uploadBankResult(id, file));
                        return false;
                      }}
                    >
                      <Button icon={<UploadOutlined />}>导入银行发放结果</Button>
                    </Upload>
                  </>
                )}
              </Space>
            </Card>
          )}
          {(d.status === '公示中' || d.objections.length > 0) && (
            <Card size="small" title="公示异议">
              {d.objections.length === 0 && <Typography.Text type="secondary">暂无异议</Typography.Text>}
              {d.objections.map((o) => (
                <div key={o.id} style={{ marginBottom: 8 }}>
                  <Typography.Text>{o.text}</Typography.Text>
                  <br />
                  {o.answer ? (
                    <Typography.Text type="success">{`已答复：${o.answer}`}</Typography.Text>
                  ) : canManage ? (
                    <Space.Compact style={{ width: '100%' }}>
                      <Input placeholder={`答复（${o.due ?? ''} 前）`} value={answers[o.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [o.id]: e.target.value })} />
                      <Button onClick={() => void step('答复异议', () => api.answerObjection(o.id, answers[o.id] ?? ''))}>答复</Button>
                    </Space.Compact>
                  ) : (
                    <Typography.Text type="warning">待答复</Typography.Text>
                  )}
                </div>
              ))}
              {canManage && d.status === '公示中' && (
                <Space.Compact style={{ width: '100%' }}>
                  <Input placeholder="登记异议内容" value={objection} onChange={(e) => setObjection(e.target.value)} />
                  <Button onClick={() => void step('登记异议', () => api.raiseObjection(id, objection)).then(() => setObjection(''))}>登记</Button>
                </Space.Compact>
              )}
            </Card>
          )}
          <DataTable<BatchLineItem>
            list={rows}
            exportPath={`/api/aid/batches/${id}/rows`}
            rowKey={(l) => l.line}
            size="small"
            scrollX={760}
            emptyText="没有符合条件的发放名单"
            totalText={(n) => `共 ${n} 人次`}
            toolbar={
              <>
                <Input.Search
                  key={rows.filters.name ?? ''}
                  placeholder="姓名（开头）"
                  allowClear
                  enterButton="查询"
                  style={{ width: 200, maxWidth: '100%' }}
                  defaultValue={rows.filters.name ?? ''}
                  onSearch={(v) => rows.setFilter('name', v.trim())}
                />
                <Input.Search
                  key={`s${rows.filters.school ?? ''}`}
                  placeholder="学校标识码（10 位）"
                  allowClear
                  style={{ width: 200, maxWidth: '100%' }}
                  defaultValue={rows.filters.school ?? ''}
                  onSearch={(v) => rows.setFilter('school', v.trim())}
                />
                <Select
                  allowClear
                  placeholder="全部发放状态"
                  aria-label="发放状态"
                  value={rows.filters.status}
                  options={PAY_FILTERS}
                  onChange={(v: string | undefined) => rows.setFilter('status', v)}
                  style={{ width: 180 }}
                />
              </>
            }
            cardTitle={(l) => `${l.seq}. ${l.name}`}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 70, sortKey: 'seq' },
              { title: d.kind === 'teacher' ? '身份证件号' : '学籍号', dataIndex: 'studentNo' },
              { title: '姓名', dataIndex: 'name', sortKey: 'name' },
              { title: '学校', dataIndex: 'schoolName', sortKey: 'school' },
              { title: '项目', dataIndex: 'itemName' },
              { title: '金额', dataIndex: 'amount', width: 90, sortKey: 'amount' },
              { title: '发放', dataIndex: 'payStatus', width: 120, sortKey: 'status', render: (v: string, l) => (l.failReason ? `${v}（${l.failReason}）` : v) },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
