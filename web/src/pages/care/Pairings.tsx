// 结对帮扶与遍访: the households a user is responsible for (a teacher: only their own) with this term's
// visits and 记录走访; for school, township and county users also the 遍访 coverage by school (ECharts bar).
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import { pairingApi, type Me, type PairingItem, type VisitCoverage } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { LoadError, todayText } from '../../components/LoadError.tsx';
import { HOUSEHOLD_VISIT_KINDS } from '../../../../src/care/pairing.rules.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

function CoverageChart({ data }: { data: VisitCoverage }) {
  const schools = data.lines.filter((l) => l.level === '学校');
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['结对户走访覆盖率', '留守儿童走访覆盖率'] },
      grid: { left: 48, right: 16, bottom: 72 },
      xAxis: { type: 'category', data: schools.map((l) => l.name || l.code), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '结对户走访覆盖率', type: 'bar', data: schools.map((l) => (l.coverage === null ? null : Math.round(l.coverage * 1000) / 10)) },
        { name: '留守儿童走访覆盖率', type: 'bar', data: schools.map((l) => (l.leftBehindCoverage === null ? null : Math.round(l.leftBehindCoverage * 1000) / 10)) },
      ],
    }),
    [schools],
  );
  return (
    <Card size="small" title={`${data.schoolYear} 学年${data.term}遍访覆盖率（按学校）`} style={{ marginBottom: 16 }}>
      {schools.length === 0 ? <span>暂无结对户或留守儿童</span> : <EChart option={option} height={300} />}
      <Table
        size="small"
        rowKey={(l) => `${l.level}${l.code}`}
        pagination={false}
        dataSource={data.lines.filter((l) => l.level === '乡镇')}
        columns={[
          { title: '乡镇', render: (_: unknown, l) => l.name || l.code },
          { title: '建档立卡户', dataIndex: 'households' },
          { title: '已结对', dataIndex: 'paired' },
          { title: '本学期已走访', dataIndex: 'visited' },
          { title: '走访覆盖率', dataIndex: 'coverage', render: pct },
          { title: '留守儿童', dataIndex: 'leftBehind' },
          { title: '已走访', dataIndex: 'leftBehindVisited' },
          { title: '留守儿童覆盖率', dataIndex: 'leftBehindCoverage', render: pct },
        ]}
      />
    </Card>
  );
}

function HouseholdVisitModal({ item, onClose, onDone }: { item: PairingItem; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { date: string; kind: (typeof HOUSEHOLD_VISIT_KINDS)[number]; note: string }) => {
    setBusy(true);
    try {
      await pairingApi.logHouseholdVisit(item.id, { date: v.date, kind: v.kind, note: v.note.trim() });
      void message.success(`已记录对${item.headName}户的${v.kind}`);
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`记录走访：${item.headName}户`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form layout="vertical" size="large" initialValues={{ date: todayText(), kind: '入户走访' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <Input type="date" max={todayText()} />
        </Form.Item>
        <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={HOUSEHOLD_VISIT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item name="note" label="走访情况" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder="家庭情况、子女就学、需要的帮助" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          保存走访记录
        </Button>
      </Form>
    </Modal>
  );
}

export function Pairings({ me }: { me: Me }) {
  const [page, setPage] = useState(1);
  const [visiting, setVisiting] = useState<PairingItem | null>(null);
  const list = useLoader(() => pairingApi.pairings(page, 20), [page]);
  const canReport = me.permissions.includes('pairing.report');
  const coverage = useLoader(() => (canReport ? pairingApi.visitCoverage() : Promise.resolve(null)), [canReport]);
  const canVisit = me.permissions.includes('pairing.visit');
  return (
    <Card title={me.role === 'teacher' ? '我的结对户' : '结对帮扶与遍访'}>
      {coverage.data && <CoverageChart data={coverage.data} />}
      {list.error && !list.data ? (
        <LoadError message={list.error} onRetry={list.reload} />
      ) : (
        <Table<PairingItem>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: '暂无结对户' }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, showTotal: (n) => `共 ${n} 户`, onChange: setPage }}
          columns={[
            { title: '户主', dataIndex: 'headName', width: 100 },
            ...(me.role === 'teacher' ? [] : [{ title: '户编号', dataIndex: 'household', width: 150 }]),
            { title: '乡镇', dataIndex: 'township', width: 150, render: (v: string, r: PairingItem) => <RegionName code={v} name={r.townshipName} /> },
            { title: '帮扶责任人', render: (_: unknown, r: PairingItem) => `${r.helper}（${r.helperRole}）` },
            { title: '本学期走访', dataIndex: 'visitsThisTerm', width: 130, render: (n: number) => (n > 0 ? <Tag color="green">{`已走访 ${n} 次`}</Tag> : <Tag color="red">未走访</Tag>) },
            { title: '最近走访', dataIndex: 'lastVisit', width: 110, render: (v: string | null) => v ?? '—' },
            {
              title: '',
              key: 'act',
              width: 100,
              render: (_: unknown, r: PairingItem) =>
                canVisit ? (
                  <Space>
                    <Button type="link" size="small" onClick={() => setVisiting(r)}>
                      记录走访
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      )}
      {visiting && (
        <HouseholdVisitModal
          item={visiting}
          onClose={() => setVisiting(null)}
          onDone={() => {
            setVisiting(null);
            list.reload();
            coverage.reload();
          }}
        />
      )}
    </Card>
  );
}
