// 资助台账: money paid (已发放 rows only) by fund source and item with each level's share (中央, 省,
// 市, 县; 专款专用), by school, as a chart and tables; and the download of the file for the
// province's 扶贫(惠民)资金在线监管 system (the same file as `fuzhi export supervision`, masked).
import { useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Statistic } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { aidApi, currentSchoolYear, type LedgerSchoolRow, type LedgerSourceRow } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { usePagedList, type PagedList } from '../../paging.ts';
import { queryParam, setQueryParams } from '../../router.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';

const LEVELS = ['中央', '省', '市', '县', '未分担'] as const;
type Levelled = { byLevel: Record<string, number> };

/** 人次, 金额 and each level's share: the columns both tables end with. */
const figureColumns = <T extends Levelled>(): DataColumn<T>[] => [
  { title: '人次', dataIndex: 'count', width: 70, sortKey: 'count' },
  { title: '金额（元）', dataIndex: 'amount', width: 110, sortKey: 'amount' },
  ...LEVELS.map((l) => ({ title: l === '未分担' ? '未规定分担' : `${l}级`, key: l, width: 100, render: (_: unknown, r: T) => r.byLevel[l] })),
];

/** A name filter above a ledger table (kept in the URL with the table's other state). */
const nameSearch = (list: PagedList<unknown>, placeholder: string) => (
  <Input.Search key={list.q} placeholder={placeholder} allowClear style={{ width: 200 }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} aria-label={placeholder} />
);

export function Ledger() {
  const [schoolYear, setYear] = useState(Number(queryParam('schoolYear')) || currentSchoolYear());
  const [term, setTerm] = useState<string>(queryParam('term') ?? '');
  const data = useLoader(() => aidApi.ledger(schoolYear, term || undefined), [schoolYear, term]);
  const params = { schoolYear, term: term || undefined };
  const sources = usePagedList<LedgerSourceRow>('ledger-sources', (q) => aidApi.ledgerSources(q), { prefix: 'src', params });
  const schools = usePagedList<LedgerSchoolRow>('ledger-schools', (q) => aidApi.ledgerSchools(q), { prefix: 'sch', params });
  // another year or term starts both tables at their first page
  const firstPages = () => {
    sources.setPage(1);
    schools.setPage(1);
  };
  const d = data.data;
  const download = (format: 'xlsx' | 'csv') => `/api/aid/supervision?schoolYear=${schoolYear}${term ? `&term=${encodeURIComponent(term)}` : ''}&format=${format}`;
  const items = d?.bySource ?? [];

  return (
    <Card
      title="资助资金台账"
      extra={
        <Space wrap>
          <InputNumber value={schoolYear} min={2015} max={2100} addonAfter="学年" style={{ width: 130 }} aria-label="学年" onChange={(v) => { if (v) { setYear(v); setQueryParams({ schoolYear: v }); firstPages(); } }} />
          <Select value={term} style={{ width: 100 }} options={[{ value: '', label: '全年' }, { value: '秋季', label: '秋季' }, { value: '春季', label: '春季' }]} onChange={(v: string) => { setTerm(v); setQueryParams({ term: v }); firstPages(); }} />
          <Button icon={<DownloadOutlined />} href={download('xlsx')}>
            资金监管报送（xlsx）
          </Button>
          <Button icon={<DownloadOutlined />} href={download('csv')}>
            csv
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {data.error && !data.loading && <LoadError message={data.error} onRetry={data.reload} />}
        {d && (
          <Space size={40} wrap>
            <Statistic title="已发放人次" value={d.payments} />
            <Statistic title="已发放金额（元）" value={d.amount} precision={2} />
            {LEVELS.filter((l) => d.byLevel[l] > 0).map((l) => (
              <Statistic key={l} title={`${l === '未分担' ? '未规定分担' : `${l}级资金`}（元）`} value={d.byLevel[l]} precision={2} />
            ))}
          </Space>
        )}
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
        <Card size="small" title="按资金来源与项目">
          <DataTable<LedgerSourceRow>
            list={sources}
            exportPath="/api/aid/ledger/sources"
            rowKey={(r) => `${r.fundSource}|${r.itemName}`}
            size="small"
            scrollX={900}
            emptyText="本期没有已发放的资助"
            toolbar={nameSearch(sources, '资金来源或项目')}
            cardTitle={(r) => `${r.itemName}（${r.fundSource}）`}
            columns={[{ title: '资金来源', dataIndex: 'fundSource', width: 110 }, { title: '资助项目', dataIndex: 'itemName', sortKey: 'name' }, ...figureColumns<LedgerSourceRow>()]}
          />
        </Card>
        <Card size="small" title="按学校">
          <DataTable<LedgerSchoolRow>
            list={schools}
            exportPath="/api/aid/ledger/schools"
            rowKey={(r) => r.schoolCode}
            size="small"
            scrollX={900}
            emptyText="本期没有已发放的资助"
            toolbar={nameSearch(schools, '学校名称或标识码')}
            cardTitle={(r) => r.schoolName}
            columns={[{ title: '学校标识码', dataIndex: 'schoolCode', width: 120 }, { title: '学校', dataIndex: 'schoolName', sortKey: 'name' }, ...figureColumns<LedgerSchoolRow>()]}
          />
        </Card>
      </Space>
    </Card>
  );
}
