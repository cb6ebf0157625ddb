// 审核上报: a school checks its students' entitlements of a term and submits them (审核甄别上报); the
// county approves each school's list or returns it with a reason (核准). A returned list shows why;
// every step shows who and when. The county's approval is what lets a batch go to 公示.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { api, type Me, type SubmissionItem } from '../../api.ts';
import { errorText } from '../../hooks.ts';

const COLORS: Record<string, string> = { 未上报: 'default', 已上报: 'processing', 已核准: 'success', 已退回: 'error' };
const STEP_ZH: Record<string, string> = { submit: '上报', approve: '核准', return: '退回' };
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

export function SignOff({ me }: { me: Me }) {
  const { message } = App.useApp();
  const [schoolYear, setSchoolYear] = useState(new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1);
  const [term, setTerm] = useState(new Date().getMonth() + 1 >= 9 || new Date().getMonth() + 1 <= 2 ? '秋季' : '春季');
  const [items, setItems] = useState<SubmissionItem[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const canSubmit = me.permissions.includes('aid.submit');
  const canDecide = me.permissions.includes('aid.manage');

  useEffect(() => {
    api
      .submissions(schoolYear, term)
      .then((d) => {
        setItems(d.items);
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)));
  }, [schoolYear, term, tick]);

  const act = async (label: string, run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(`${label}：已完成`);
      setTick((t) => t + 1);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Card
      title="审核上报 · 县级核准"
      extra={
        <Space>
          <InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && setSchoolYear(v)} addonAfter="学年" style={{ width: 130 }} />
          <Select value={term} options={['秋季', '春季'].map((t) => ({ value: t, label: t }))} onChange={setTerm} style={{ width: 90 }} />
        </Space>
      }
    >
      {failed && <Alert type="error" showIcon message={`加载失败：${failed}`} action={<Button onClick={() => setTick((t) => t + 1)}>重试</Button>} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="schoolCode"
        dataSource={items ?? []}
        loading={items === null && !failed}
        scroll={{ x: 800 }}
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
          { title: '学校', dataIndex: 'schoolName' },
          { title: '应享人数', dataIndex: 'students', width: 90 },
          { title: '金额（元）', dataIndex: 'amount', width: 110 },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color={COLORS[v]}>{v}</Tag> },
          {
            title: '说明',
            key: 'why',
            render: (_: unknown, r) =>
              r.status === '已退回' ? <Typography.Text type="danger">{`退回原因：${r.reason ?? ''}`}</Typography.Text> : r.status === '已上报' ? `${r.submittedBy ?? ''} ${when(r.submittedAt)} 上报` : r.status === '已核准' ? `${r.decidedBy ?? ''} ${when(r.decidedAt)} 核准` : '',
          },
          {
            title: '',
            key: 'act',
            width: 170,
            render: (_: unknown, r) => (
              <Space>
                {canSubmit && (r.status === '未上报' || r.status === '已退回') && (
                  <Button type="primary" size="small" onClick={() => void act('上报', () => api.submitList(schoolYear, term, me.role === 'school' ? undefined : r.schoolCode))}>
                    审核无误，上报
                  </Button>
                )}
                {canDecide && r.status === '已上报' && (
                  <Button type="primary" size="small" onClick={() => void act('核准', () => api.decideList(r.schoolCode, 'approve', schoolYear, term))}>
                    核准
                  </Button>
                )}
                {canDecide && (r.status === '已上报' || r.status === '已核准') && (
                  <Button danger size="small" onClick={() => setReturning(r.schoolCode)}>
                    退回
                  </Button>
                )}
              </Space>
            ),
          },
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
