// 控辍保学案件: the cases of the user's scope (a township its township, a school its cases), paged and
// filtered by status on the server; filter, page and open case kept in the URL query. 办理 opens the
// case in a drawer with its history, visits and the steps its status allows.
import { useState } from 'react';
import { Button, Card, Input, Segmented, Tag } from 'antd';
import { api, type CaseList, type Me } from '../../api.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { CASE_STATUSES } from '../../../../src/dropout/case.rules.ts';
import { CaseDrawer, STATUS_COLORS } from './CaseDrawer.tsx';
import { ReportsDue } from './ReportsDue.tsx';

type Row = CaseList['items'][number];
const ALL = '全部';

export function Cases({ me }: { me: Me }) {
  const list = usePagedList<Row>('cases', (q) => api.dropoutCases(q), { filters: ['status'], defaults: { status: '待核查' } });
  const [open, setOpen] = useState<string | null>(() => queryParam('case'));

  const show = (caseNo: string | null) => {
    setOpen(caseNo);
    setQueryParams({ case: caseNo });
  };

  return (
    <Card title="控辍保学案件">
      <ReportsDue />
      <Segmented
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        value={list.filters.status ?? ALL}
        options={[ALL, ...CASE_STATUSES]}
        onChange={(v) => list.setFilter('status', v === ALL ? undefined : v)}
      />
      <DataTable<Row>
        list={list}
        exportPath="/api/dropout/cases"
        rowKey={(r) => r.caseNo}
        emptyText="没有此状态的案件"
        totalText={(n) => `共 ${n} 件`}
        scrollX={640}
        cardTitle={(r) => `${r.name} ${r.caseNo}`}
        cardActions={(r) => [
          <Button key="open" type="link" onClick={() => show(r.caseNo)}>
            {me.permissions.includes('dropout.work') ? '办理' : '查看'}
          </Button>,
        ]}
        toolbar={<Input.Search key={list.q} placeholder="姓名或案件编号" allowClear enterButton="查询" style={{ width: 260, maxWidth: '100%' }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} />}
        columns={[
          { title: '案件编号', dataIndex: 'caseNo', width: 150, sortKey: 'caseNo' },
          { title: '姓名', dataIndex: 'name', width: 100, sortKey: 'name' },
          { title: '状态', dataIndex: 'status', width: 100, sortKey: 'status', render: (v: string) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
          { title: '户籍乡镇', dataIndex: 'township', width: 150, sortKey: 'township', render: (v: string, r) => <RegionName code={v} name={r.townshipName} /> },
          { title: '来源', dataIndex: 'sources' },
          {
            title: '',
            key: 'open',
            width: 80,
            card: false,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => show(r.caseNo)}>
                {me.permissions.includes('dropout.work') ? '办理' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      {open && <CaseDrawer caseNo={open} me={me} onClose={() => show(null)} onChanged={list.reload} />}
    </Card>
  );
}
