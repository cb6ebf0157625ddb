// 审核上报: a school checks its students' entitlements of a term and submits them (审核甄别上报); the
// county approves each school's list or returns it with a reason (核准). A returned list shows why;
// every step shows who and when. The county's approval is what lets a batch go to 公示.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { api, type Me, type SubmissionItem } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

const COLORS: Record<string, string> = { 未上报: 'default', 已上报: 'processing', 已核准: 'success', 已退回: 'error' };
const STEP_ZH: Record<string, string> = { submit: '上报', approve: '核准', return: '退回' };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

const STATUSES = ['未上报', '已上报', '已核准', '已退回'];

function currentYear(): number {
  const now = new Date();
  return now.getMonth() + 1 >= 9 ? now.getFullYear() : now.getFullYear() - 1;
}

/** Where a school's list stands, in words: who returned it and why, who submitted or approved it and when. */
function why(r: SubmissionItem): ReactNode {
  if (r.status === '已退回') return <Typography.Text type="danger">{`退回原因：${r.reason ?? ''}`}</Typography.Text>;
  if (r.status === '已上报') return `${r.submittedBy ?? ''} ${when(r.submittedAt)} 上报`;
  if (r.status === '已核准') return `${r.decidedBy ?? ''} ${when(r.decidedAt)} 核准`;
  return '';
}

export function SignOff({ me }: { me: Me }) {
  const { message } = App.useApp();
  // 学年, 学期, 状态 and 学校 are filters of the list, kept in the URL with the page and sort
  const list = usePagedList<SubmissionItem>('submissions', (q) => api.submissions(q), {
    filters: ['schoolYear', 'term', 'status', 'school'],
    defaults: { schoolYear: String(currentYear()), term: new Date().getMonth() + 1 >= 9 || new Date().getMonth() + 1 <= 2 ? '秋季' : '春季' },
  });
  const schoolYear = Number(list.filters.schoolYear) || currentYear();
  const term = list.filters.term ?? '秋季';
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const canSubmit = me.permissions.includes('aid.submit');
  const canDecide = me.permissions.includes('aid.manage');

  const act = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(`${label}：已完成`);
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const actions = (r: SubmissionItem): ReactNode[] => [
    ...(canSubmit && (r.status === '未上报' || r.status === '已退回')
      ? [
          <Button key="submit" type="primary" size="small" onClick={() => void act('上报', () => api.submitList(schoolYear, term, me.role === 'school' ? undefined : r.schoolCode))}>
            审核无误，上报
          </Button>,
        ]
      : []),
    ...(canDecide && r.status === '已上报'
      ? [
          <Button key="approve" type="primary" size="small" onClick={() => void act('核准', () => api.decideList(r.schoolCode, 'approve', schoolYear, term))}>
            核准
          </Button>,
        ]
      : []),
    ...(canDecide && (r.status === '已上报' || r.status === '已核准')
      ? [
          <Button key="return" danger size="small" onClick={() => setReturning(r.schoolCode)}>
            退回
          </Button>,
        ]
      : []),
  ];

  return (
    <Card
      title="审核上报 · 县级核准"
      extra={
        <Space wrap>
          <InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && list.setFilter('schoolYear', v)} addonAfter="学年" style={{ width: 130 }} />
          <Select value={term} options={['秋季', '春季'].map((t) => ({ value: t, label: t }))} onChange={(v: string) => list.setFilter('term', v)} style={{ width: 90 }} />
        </Space>
      }
    >
      <DataTable<SubmissionItem>
        list={list}
        exportPath="/api/aid/submissions"
        rowKey={(r) => r.schoolCode}
        scrollX={860}
        emptyText={list.filters.status || list.filters.school ? '没有符合条件的学校' : '本学期范围内暂无有应享资助的学校'}
        totalText={(n) => `共 ${n} 所学校`}
        toolbar={
          <>
            <Input.Search
              key={list.filters.school ?? ''}
              placeholder="学校名称或标识码"
              allowClear
              enterButton="查询"
              style={{ width: 260, maxWidth: '100%' }}
              defaultValue={list.filters.school ?? ''}
              onSearch={(v) => list.setFilter('school', v.trim())}
            />
            <Select
              allowClear
              placeholder="全部状态"
              aria-label="状态"
              value={list.filters.status}
              options={STATUSES.map((s) => ({ value: s, label: s }))}
              onChange={(v: string | undefined) => list.setFilter('status', v)}
              style={{ width: 120 }}
            />
          </>
        }
        cardTitle={(r) => r.schoolName}
        cardActions={(r) => actions(r)}
        expandable={{
          rowExpandable: (r) => r.steps.length > 0,
          expandedRowRender: (r) => (
            <Timeline
              items={r.steps.map((s) => ({
                color: s.step === 'return' ? 'red' : s.step === 'approve' ? 'green' : 'blue',
                children: `${when(s.at)} ${s.actor} ${STEP_ZH[s.step] ?? s.step}${s.text ? `：${s.text}` : ''}`,
              }))}
            />
          ),
        }}
        columns={[
          { title: '学校', dataIndex: 'schoolName', sortKey: 'school' },
          { title: '应享人数', dataIndex: 'students', width: 100, sortKey: 'students' },
          { title: '金额（元）', dataIndex: 'amount', width: 120, sortKey: 'amount' },
          { title: '状态', dataIndex: 'status', width: 100, sortKey: 'status', render: (v: string) => <Tag color={COLORS[v]}>{v}</Tag> },
          { title: '说明', key: 'why', sortKey: 'updated', render: (_: unknown, r) => why(r) },
          { title: '', key: 'act', width: 170, card: false, render: (_: unknown, r) => <Space>{actions(r)}</Space> },
        ]}
      />
      <Modal
        open={returning !== null}
        title="退回名单"
        okText="退回"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        onCancel={() => setReturning(null)}
        onOk={() => {
          const school = returning!;
          setReturning(null);
          void act('退回', () => api.decideList(school, 'return', schoolYear, term, reason)).then(() => setReason(''));
        }}
      >
        <Input.TextArea rows={3} placeholder="退回原因（学校将看到）" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Card>
  );
}
