// 资助台账: money paid (已发放 rows only) by fund source and item with each level's share (中央, 省,
// 市, 县; 专款专用), by school, as a chart and tables; and the download of the file for the
// province's 扶贫(惠民)资金在线监管 system (the same file as `fuzhi export supervision`, masked).
import { useState } from 'react';
import { App, Button, Card, InputNumber, Select, Space, Statistic, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { aidApi, currentSchoolYear, downloadList, type LedgerView } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { queryParam, setQueryParams } from '../../router.ts';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';

const LEVELS = ['中央', '省', '市', '县', '未分担'] as const;
type Row = LedgerView['bySource'][number];

const levelColumns = LEVELS.map((l) => ({ title: l === '未分担' ? '未规定分担' : `${l}级`, key: l, width: 100, render: (_: unknown, r: { byLevel: Record<string, number> }) => r.byLevel[l] }));

export function Ledger() {
  const [schoolYear, setYear] = useState(Number(queryParam('schoolYear')) || currentSchoolYear());
  const [term, setTerm] = useState<string>(queryParam('term') ?? '');
  const data = useLoader(() => aidApi.ledger(schoolYear, term || undefined), [schoolYear, term]);
  const d = data.data;
  const download = (format: 'xlsx' | 'csv') => `/api/aid/supervision?schoolYear=${schoolYear}${term ? `&term=${encodeURIComponent(term)}` : ''}&format=${format}`;
  const items = d?.bySource ?? [];
  const { message } = App.useApp();
  // a table as the server lists it (same year, term and order), audited
  const exportTable = (table: 'source' | 'school', label: string) => (
    <Space>
      {label}
      <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadList('/api/aid/ledger', { schoolYear, term: term || undefined, table }).catch((e: unknown) => void message.error(errorText(e)))}>
        导出 Excel
      </Button>
    </Space>
  );

  return (
    <Card
      title="资助资金台账"
      extra={
        <Space wrap>
          <InputNumber value={schoolYear} min={2015} max={2100} addonAfter="学年" style={{ width: 130 }} aria-label="学年" onChange={(v) => { if (v) { setYear(v); setQueryParams({ schoolYear: v }); } }} />
          <Select value={term} style={{ width: 100 }} options={[{ value: '', label: '全年' }, { value: '秋季', label: '秋季' }, { value: '春季', label: '春季' }]} onChange={(v: string) => { setTerm(v); setQueryParams({ term: v }); }} />
          <Button icon={<DownloadOutlined />} href={download('xlsx')}>
            资金监管报送（xlsx）
          </Button>
          <Button icon={<DownloadOutlined />} href={download('csv')}>
            csv
          </Button>
        </Space>
      }
    >
      {data.error && !data.loading && <LoadError message={data.error} onRetry={data.reload} />}
      {d && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Space size={40} wrap>
            <Statistic title="已发放人次" value={d.payments} />
            <Statistic title="已发放金额（元）" value={d.amount} precision={2} />
            {LEVELS.filter((l) => d.byLevel[l] > 0).map((l) => (
              <Statistic key={l} title={`${l === '未分担' ? '未规定分担' : `${l}级资金`}（元）`} value={d.byLevel[l]} precision={2} />
            ))}
          </Space>
          {items.length > 0 && (
            <EChart
              height={Math.max(260, items.length * 34 + 80)}
              option={{
                legend: { top: 0 },
                tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
                grid: { left: 170, right: 30, top: 36, bottom: 30 },
                xAxis: { type: 'value', axisLabel: { formatter: '{value} 元' } },
                yAxis: { type: 'category', data: items.map((r) => `${r.itemName}（${r.fundSource}）`) },
                series: LEVELS.map((l) => ({ type: 'bar', stack: 'total', name: l === '未分担' ? '未规定分担' : `${l}级`, data: items.map((r) => r.byLevel[l]) })),
              }}
            />
          )}
          <Table<Row>
            rowKey={(r) => `${r.fundSource}|${r.itemName}`}
            size="small"
            title={() => exportTable('source', '按资金来源与项目')}
            dataSource={items}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[{ title: '资金来源', dataIndex: 'fundSource', width: 110 }, { title: '资助项目', dataIndex: 'itemName' }, { title: '人次', dataIndex: 'count', width: 70 }, { title: '金额（元）', dataIndex: 'amount', width: 110 }, ...levelColumns]}
          />
          <Table
            rowKey="schoolCode"
            size="small"
            title={() => exportTable('school', '按学校')}
            dataSource={d.bySchool}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 900 }}
            columns={[{ title: '学校标识码', dataIndex: 'schoolCode', width: 120 }, { title: '学校', dataIndex: 'schoolName' }, { title: '人次', dataIndex: 'count', width: 70 }, { title: '金额（元）', dataIndex: 'amount', width: 110 }, ...levelColumns]}
          />
        </Space>
      )}
    </Card>
  );
}
