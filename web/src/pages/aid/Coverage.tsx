// 应助尽助 覆盖率: entitled, in a batch and paid by school and item for a term, as a chart and a
// table; the figures come from the server within the user's scope.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, InputNumber, Select, Space, Statistic, Table } from 'antd';
import { api, type Coverage as CoverageData } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function Coverage() {
  const [schoolYear, setSchoolYear] = useState(new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1);
  const [term, setTerm] = useState('秋季');
  const [data, setData] = useState<CoverageData | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    api
      .coverage(schoolYear, term)
      .then((d) => {
        setData(d);
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)));
  }, [schoolYear, term, tick]);

  const schools = (data?.items ?? []).filter((r) => r.level === '学校');
  const bySchool = new Map<string, { name: string; entitled: number; paid: number }>();
  for (const r of schools) {
    const s = bySchool.get(r.schoolCode) ?? { name: r.schoolName, entitled: 0, paid: 0 };
    s.entitled += r.entitled;
    s.paid += r.paid;
    bySchool.set(r.schoolCode, s);
  }
  const bars = [...bySchool.values()].sort((a, b) => a.paid / a.entitled - b.paid / b.entitled).slice(0, 30);

  return (
    <Card
      title="应助尽助 · 覆盖率"
      extra={
        <Space>
          <InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && setSchoolYear(v)} addonAfter="学年" style={{ width: 130 }} />
          <Select value={term} options={['秋季', '春季'].map((t) => ({ value: t, label: t }))} onChange={setTerm} style={{ width: 90 }} />
        </Space>
      }
    >
      {failed && <Alert type="error" showIcon message={`加载失败：${failed}`} action={<Button onClick={() => setTick((t) => t + 1)}>重试</Button>} />}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space size={48} wrap>
            <Statistic title="应享人次" value={data.entitled} />
            <Statistic title="已发放人次" value={data.paid} />
            <Statistic title="覆盖率" value={pct(data.rate)} />
          </Space>
          {bars.length > 0 && (
            <EChart
              height={Math.max(240, bars.length * 22)}
              option={{
                grid: { left: 160, right: 40, top: 10, bottom: 30 },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', data: bars.map((b) => b.name) },
                tooltip: { trigger: 'axis' },
                series: [{ type: 'bar', name: '已发放 / 应享', data: bars.map((b) => Math.round((b.paid * 1000) / b.entitled) / 10), label: { show: true, position: 'right', formatter: '{c}%' } }],
              }}
            />
          )}
          <Table
            rowKey={(r) => `${r.level}|${r.schoolCode}|${r.countyCode}|${r.itemName}`}
            size="small"
            dataSource={data.items}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '层级', dataIndex: 'level', width: 90 },
              { title: '学校', dataIndex: 'schoolName' },
              { title: '资助项目', dataIndex: 'itemName' },
              { title: '应享', dataIndex: 'entitled', width: 70 },
              { title: '纳入批次', dataIndex: 'batched', width: 90 },
              { title: '已发放', dataIndex: 'paid', width: 80 },
              { title: '覆盖率', dataIndex: 'rate', width: 90, render: (v: number | null) => pct(v) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
