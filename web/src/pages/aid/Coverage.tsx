// 应助尽助 覆盖率 with drill-down: the level below the current one (county → township → school → the
// entitled students of one school, unpaid first) as a chart and a table, a breadcrumb back up, and
// the level in the URL (?level=&code=). The server keeps each user within their scope.
import { useEffect, useState } from 'react';
import { Alert, Breadcrumb, Button, Card, InputNumber, Select, Space, Statistic, Table, Tag } from 'antd';
import { coverageApi, type CoverageDrill, type DrillLevel, type DrillRow, type DrillStudent } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { queryParam, setQueryParams } from '../../router.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const LEVEL_NAMES: Record<DrillLevel, string> = { county: '区县', township: '乡镇', school: '学校' };
const isLevel = (v: string | null): v is DrillLevel => v === 'county' || v === 'township' || v === 'school';

export function Coverage() {
  const [schoolYear, setSchoolYear] = useState(Number(queryParam('schoolYear')) || (new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1));
  const [term, setTerm] = useState(queryParam('term') === '春季' ? '春季' : '秋季');
  const initialLevel = queryParam('level');
  const [node, setNode] = useState<{ level: DrillLevel; code: string } | null>(isLevel(initialLevel) && queryParam('code') ? { level: initialLevel, code: queryParam('code')! } : null);
  const [data, setData] = useState<CoverageDrill | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setQueryParams({ schoolYear, term, level: node?.level, code: node?.code });
    setLoading(true);
    coverageApi
      .drill(schoolYear, term, node?.level, node?.code)
      .then((d) => {
        setData(d);
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)))
      .finally(() => setLoading(false));
  }, [schoolYear, term, node, tick]);

  const go = (level: DrillLevel, code: string) => setNode({ level, code });
  const rows = data?.rows ?? [];
  const students = data?.students ?? [];

  return (
    <Card
      title="应助尽助 · 覆盖率"
      extra={
        <Space wrap>
          <InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && setSchoolYear(v)} addonAfter="学年" style={{ width: 130 }} />
          <Select value={term} options={['秋季', '春季'].map((t) => ({ value: t, label: t }))} onChange={setTerm} style={{ width: 90 }} />
        </Space>
      }
    >
      {failed && <Alert type="error" showIcon message={`加载失败：${failed}`} action={<Button onClick={() => setTick((t) => t + 1)}>重试</Button>} />}
      {data && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Breadcrumb
            items={[
              ...data.trail.map((x) => ({ title: <a onClick={() => go(x.level, x.code)}><RegionName code={x.code} name={x.name} secondary={false} /></a> })),
              { title: <>{data.level === 'school' ? data.name : <RegionName code={data.code} name={data.name} />}{`（${LEVEL_NAMES[data.level]}）`}</> },
            ]}
          />
          <Space size={48} wrap>
            <Statistic title="应享人次" value={data.total.entitled} />
            <Statistic title="已纳入批次" value={data.total.batched} />
            <Statistic title="已发放人次" value={data.total.paid} />
            <Statistic title="覆盖率" value={pct(data.total.rate)} />
          </Space>
          {data.level !== 'school' && rows.length > 0 && (
            <EChart
              height={Math.max(240, Math.min(rows.length, 30) * 24)}
              option={{
                grid: { left: 160, right: 40, top: 10, bottom: 30 },
                xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
                yAxis: { type: 'category', data: rows.slice(0, 30).map((r) => r.name) },
                tooltip: {
                  trigger: 'axis',
                  formatter: (ps: { dataIndex: number; value: number }[]) => {
                    const r = rows[ps[0]?.dataIndex ?? -1];
                    return r ? `${r.name}${r.name === r.code ? '' : `（${r.code}）`}<br/>已发放 / 应享：${ps[0].value}%` : '';
                  },
                },
                series: [{ type: 'bar', name: '已发放 / 应享', data: rows.slice(0, 30).map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)), label: { show: true, position: 'right', formatter: '{c}%' } }],
              }}
              onClick={(p: { dataIndex?: number }) => {
                const r = p.dataIndex === undefined ? undefined : rows[p.dataIndex];
                if (r) go(r.level, r.code);
              }}
            />
          )}
          {data.level === 'school' && data.total.entitled > 0 && (
            <EChart
              height={240}
              option={{
                tooltip: { trigger: 'item' },
                series: [
                  {
                    type: 'pie',
                    radius: ['40%', '70%'],
                    data: [
                      { name: '已发放', value: data.total.paid },
                      { name: '已纳入批次未发放', value: data.total.batched - data.total.paid },
                      { name: '未纳入批次', value: data.total.entitled - data.total.batched },
                    ].filter((x) => x.value > 0),
                  },
                ],
              }}
            />
          )}
          {data.level !== 'school' ? (
            <Table<DrillRow>
              rowKey="code"
              size="small"
              loading={loading}
              dataSource={rows}
              pagination={{ pageSize: 20 }}
              scroll={{ x: 640 }}
              columns={[
                { title: LEVEL_NAMES[data.level === 'county' ? 'township' : 'school'], dataIndex: 'name', render: (v: string, r) => <a onClick={() => go(r.level, r.code)}>{r.level === 'township' ? <RegionName code={r.code} name={v} /> : v}</a> },
                { title: '应享', dataIndex: 'entitled', width: 70, sorter: (a, b) => a.entitled - b.entitled },
                { title: '纳入批次', dataIndex: 'batched', width: 90 },
                { title: '已发放', dataIndex: 'paid', width: 80 },
                { title: '覆盖率', dataIndex: 'rate', width: 90, render: (v: number | null) => pct(v), sorter: (a, b) => (a.rate ?? 0) - (b.rate ?? 0) },
              ]}
            />
          ) : (
            <Table<DrillStudent>
              rowKey={(r) => `${r.studentNo}|${r.itemName}`}
              size="small"
              loading={loading}
              dataSource={students}
              pagination={{ pageSize: 20 }}
              scroll={{ x: 640 }}
              columns={[
                { title: '学籍号', dataIndex: 'studentNo' },
                { title: '姓名', dataIndex: 'name' },
                { title: '资助项目', dataIndex: 'itemName' },
                { title: '纳入批次', dataIndex: 'batched', width: 90, render: (v: boolean) => (v ? '是' : <Tag color="red">否</Tag>) },
                { title: '发放状态', dataIndex: 'payStatus', width: 110, render: (v: string, r) => <Tag color={r.paid ? 'green' : 'orange'}>{v}</Tag> },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
