// 资助名单: the entitlements of a term — student, item, amount and the readable 依据 — filtered by
// school, item and 学段 on the server, state in the URL. A county (re)computes the term as a
// background job (the same `fuzhi entitle` as in a terminal) and watches its progress.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Progress, Select, Tag, Typography } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import { aidApi, api, currentSchoolYear, currentTerm, type EntitlementItem, type Me } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { useJob } from '../../jobs.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

const STAGES = ['学前', '小学', '初中', '高中', '中职', '高等'];

export function Entitlements({ me }: { me: Me }) {
  const { message } = App.useApp();
  const list = usePagedList<EntitlementItem>('entitlements', (q) => aidApi.entitlements(q), {
    filters: ['schoolYear', 'term', 'school', 'item', 'stage', 'status'],
    defaults: { schoolYear: String(currentSchoolYear()), term: currentTerm(), status: 'active' },
  });
  const schoolYear = Number(list.filters.schoolYear ?? currentSchoolYear());
  const term = list.filters.term ?? currentTerm();
  const schools = useLoader(() => api.schools(), []);
  const policy = useLoader(() => aidApi.policy(schoolYear), [schoolYear]);
  const [amount, setAmount] = useState<number | null>(null);
  const canCompute = me.permissions.includes('aid.manage');

  useEffect(() => {
    void aidApi.entitlements({ ...list.query, page: 1, pageSize: 1 }).then((r) => setAmount(r.amount)).catch(() => setAmount(null));
  }, [list.query]);

  // a running job is polled until it ends; then the list reloads
  const { job, follow } = useJob({
    onDone: (j) => {
      void message.success(`计算完成：${String(j.result?.rows ?? '')} 条应享资助`);
      list.reload();
    },
    onFailed: (j) => void message.error(j.error?.message ?? '计算失败'),
  });

  const compute = async () => {
    try {
      const r = await aidApi.computeEntitlements(schoolYear, term);
      if (r.job) follow(r.job);
      else {
        void message.success(`计算完成：${r.result?.rows ?? 0} 条`);
        list.reload();
      }
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const running = job !== null && (job.status === 'queued' || job.status === 'running');
  return (
    <Card
      title="资助名单（应享资助）"
      extra={
        canCompute && (
          <Button type="primary" icon={<CalculatorOutlined />} loading={running} onClick={() => void compute()}>
            重新计算本学期
          </Button>
        )
      }
    >
      {job && (
        <Alert
          style={{ marginBottom: 12 }}
          type={job.status === 'failed' ? 'error' : job.status === 'done' ? 'success' : 'info'}
          message={`${job.title}：${job.statusLabel}${job.error ? `（${job.error.message}）` : ''}`}
          description={<Progress percent={Math.round(job.progress * 100)} status={job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active'} />}
        />
      )}
      <DataTable<EntitlementItem>
        list={list}
        exportPath="/api/aid/entitlements"
        rowKey={(r, i) => `${list.page}-${i}-${r.itemCode}`}
        emptyText="本学期没有符合条件的应享资助"
        totalText={(n) => `共 ${n} 条${amount !== null ? `，现金合计 ${amount} 元` : ''}`}
        scrollX={1200}
        cardTitle={(r) => `${r.name} · ${r.itemName}`}
        toolbar={
          <>
            <InputNumber value={schoolYear} min={2015} max={2100} addonAfter="学年" style={{ width: 130 }} onChange={(v) => v && list.setFilter('schoolYear', v)} aria-label="学年" />
            <Select value={term} style={{ width: 90 }} options={['秋季', '春季'].map((t) => ({ value: t, label: t }))} onChange={(v: string) => list.setFilter('term', v)} aria-label="学期" />
            <Input.Search key={list.q} placeholder="学生姓名" allowClear style={{ width: 180 }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} />
            {(schools.data?.items.length ?? 0) > 1 && (
              <Select placeholder="全部学校" allowClear style={{ width: 200 }} value={list.filters.school} options={schools.data?.items.map((s) => ({ value: s.code, label: s.name }))} onChange={(v: string | undefined) => list.setFilter('school', v)} />
            )}
            <Select placeholder="全部项目" allowClear style={{ width: 200 }} value={list.filters.item} options={(policy.data?.items ?? []).map((i) => ({ value: i.code, label: i.name }))} onChange={(v: string | undefined) => list.setFilter('item', v)} aria-label="资助项目" />
            <Select placeholder="全部学段" allowClear style={{ width: 110 }} value={list.filters.stage} options={STAGES.map((s) => ({ value: s, label: s }))} onChange={(v: string | undefined) => list.setFilter('stage', v)} aria-label="学段" />
            <Select style={{ width: 110 }} value={list.filters.status ?? 'active'} options={[{ value: 'active', label: '应享' }, { value: 'stopped', label: '已停止' }]} onChange={(v: string) => list.setFilter('status', v)} />
          </>
        }
        columns={[
          { title: '学籍号', dataIndex: 'studentNo', width: 190 },
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '学校', dataIndex: 'schoolName', width: 180 },
          { title: '学段', dataIndex: 'stage', width: 70 },
          { title: '年级', dataIndex: 'grade', width: 80 },
          { title: '资助项目', dataIndex: 'itemName', width: 170 },
          { title: '金额（元/学期）', dataIndex: 'amount', width: 120, render: (v: number | null) => (v === null ? <Tag>据实减免</Tag> : v) },
          {
            title: '依据',
            dataIndex: 'reason',
            render: (v: string, r) => (
              <Typography.Text>
                {r.status === 'stopped' ? <Tag color="red">{`已停止：${r.stopReason ?? ''}`}</Tag> : null}
                {v}
                <Typography.Text type="secondary">{`（${r.basis}）`}</Typography.Text>
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
