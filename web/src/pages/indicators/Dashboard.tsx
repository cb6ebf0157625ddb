// 概览: the figures of the user's scope — students, registry persons, children of school age,
// match results by status (pie) and matched children per school (bar).
import { useMemo } from 'react';
import { Card, Col, Empty, Row, Spin, Statistic, Typography } from 'antd';
import { api, type Dashboard as DashboardData } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';
import { MATCH_STATUS_LABELS, MATCH_STATUSES } from '../../../../src/registry/match-status.rules.ts';

const STATUS_COLORS = { review: '#fa8c16', auto: '#1677ff', confirmed: '#52c41a', rejected: '#f5222d' } as const;

function pieOption(d: DashboardData) {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        label: { formatter: '{b}\n{c}' },
        data: MATCH_STATUSES.filter((s) => d.matches[s] > 0).map((s) => ({ name: MATCH_STATUS_LABELS[s], value: d.matches[s], itemStyle: { color: STATUS_COLORS[s] } })),
      },
    ],
  };
}

function barOption(d: DashboardData) {
  const schools = [...d.schools].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 8, bottom: 32, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: schools.map((s) => s.name ?? s.code), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      { name: '已比中学生', type: 'bar', stack: 'm', data: schools.map((s) => s.matched), itemStyle: { color: '#52c41a' } },
      { name: '待复核', type: 'bar', stack: 'm', data: schools.map((s) => s.review), itemStyle: { color: '#fa8c16' } },
    ],
  };
}

export function Dashboard() {
  const { data, loading } = useLoader(() => api.dashboard(), []);
  const pie = useMemo(() => (data ? pieOption(data) : null), [data]);
  const bar = useMemo(() => (data ? barOption(data) : null), [data]);

  if (!data) {
    return (
      <Card>
        {loading ? <Spin description="正在加载概览…" /> : <Empty description="暂无数据" />}
      </Card>
    );
  }
  const totalMatches = MATCH_STATUSES.reduce((n, s) => n + data.matches[s], 0);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {`${data.schoolYear}–${data.schoolYear + 1} 学年；年龄按 ${data.ageDate} 计算。`}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {[
          { title: '在册学生', value: data.students, suffix: '人' },
          { title: '困难家庭成员', value: data.members, suffix: '人' },
          { title: '其中 3–17 岁儿童', value: data.children, suffix: '人' },
          { title: '待复核比对', value: data.matches.review, suffix: '对' },
        ].map((s) => (
          <Col key={s.title} xs={24} sm={12} lg={6}>
            <Card>
              <Statistic title={s.title} value={s.value} suffix={s.suffix} />
            </Card>
          </Col>
        ))}
        <Col xs={24} lg={10}>
          <Card title="比对结果">
            {totalMatches === 0 ? <Empty description="尚未运行比对" /> : pie && <EChart option={pie} />}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title="各校已比中学生（前 20 所）">
            {data.schools.length === 0 ? <Empty description="暂无学校数据" /> : bar && <EChart option={bar} height={Math.max(320, data.schools.length * 28)} />}
          </Card>
        </Col>
      </Row>
    </>
  );
}
