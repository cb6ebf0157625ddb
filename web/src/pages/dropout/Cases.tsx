// 控辍保学案件: the cases of the user's scope (a township its township, a school its cases), paged and
// filtered by status on the server; filter, page and open case kept in the URL query. 办理 opens the
// case in a drawer with its history, visits and the steps its status allows.
import { useState } from 'react';
import { Button, Card, Segmented, Table, Tag } from 'antd';
import { api, type CaseList, type Me } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { CASE_STATUSES } from '../../../../src/dropout/case.rules.ts';
import { CaseDrawer, STATUS_COLORS } from './CaseDrawer.tsx';
import { ReportsDue } from './ReportsDue.tsx';

type Row = CaseList['items'][number];
const ALL = '全部';

export function Cases({ me }: { me: Me }) {
  const [status, setStatus] = useState(() => queryParam('status') ?? '待核查');
  const [page, setPage] = useState(() => Math.max(1, Number(queryParam('page')) || 1));
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<string | null>(() => queryParam('case'));
  const { data, loading, error, reload } = useLoader(() => api.dropoutCases({ page, pageSize, status: status === ALL ? undefined : status }), [page, pageSize, status]);

  const show = (caseNo: string | null) => {
    setOpen(caseNo);
    setQueryParams({ case: caseNo });
  };

  return (
    <Card title="控辍保学案件">
      <ReportsDue />
      <Segmented
        style={{ marginBottom: 16, maxWidth: '100%', overflowX: 'auto' }}
        value={status}
        options={[ALL, ...CASE_STATUSES]}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
          setQueryParams({ status: v, page: null });
        }}
      />
      {error && !data ? (
        <LoadError message={error} onRetry={reload} />
      ) : (
        <Table<Row>
          rowKey="caseNo"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: '没有此状态的案件' }}
          size="middle"
          scroll={{ x: 640 }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 件`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
              setQueryParams({ page: p > 1 ? p : null });
            },
          }}
          onRow={(r) => ({ onDoubleClick: () => show(r.caseNo) })}
          columns={[
            { title: '案件编号', dataIndex: 'caseNo', width: 150 },
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '状态', dataIndex: 'status', width: 100, render: (v: string) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
            { title: '户籍乡镇', dataIndex: 'township', width: 120 },
            { title: '来源', dataIndex: 'sources' },
            {
              title: '',
              key: 'open',
              width: 80,
              render: (_: unknown, r) => (
                <Button type="link" size="small" onClick={() => show(r.caseNo)}>
                  {me.permissions.includes('dropout.work') ? '办理' : '查看'}
                </Button>
              ),
            },
          ]}
        />
      )}
      {open && <CaseDrawer caseNo={open} me={me} onClose={() => show(null)} onChanged={reload} />}
    </Card>
  );
}
