// 督导问责: 通报 → 约谈 → 问责 on a school or region and matter, and the county self-check / city
// re-check, as the user's scope sees them (read-only; records are entered by the county's command line).
import { useEffect, useState } from 'react';
import { Alert, Card, InputNumber, Space, Statistic, Table, Tag } from 'antd';
import { supervisionOfScope, type Me, type SupervisionItem } from '../../api.ts';
import { InspectionPackButton } from './Indicators.tsx';
import { errorText } from '../../hooks.ts';

const COLOR: Record<string, string> = { 通报: 'gold', 约谈: 'orange', 问责: 'red', 县级自查: 'blue', 市级复查: 'geekblue' };

export function Supervision({ me }: { me: Me }) {
  const [schoolYear, setSchoolYear] = useState(new Date().getMonth() + 1 >= 9 ? new Date().getFullYear() : new Date().getFullYear() - 1);
  const [items, setItems] = useState<SupervisionItem[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    supervisionOfScope(schoolYear)
      .then((d) => {
        setItems(d.items);
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)));
  }, [schoolYear]);

  const rows = items ?? [];
  const count = (k: string) => rows.filter((r) => r.kind === k).length;
  return (
    <Card title="督导问责" extra={
        <Space>
          学年<InputNumber value={schoolYear} min={2015} max={2100} onChange={(v) => v && setSchoolYear(v)} />
          {me.permissions.includes('indicator.pack') && <InspectionPackButton schoolYear={schoolYear} />}
        </Space>
      }>
      {failed && <Alert type="error" showIcon message={failed} style={{ marginBottom: 16 }} />}
      <Space size="large" style={{ marginBottom: 16 }}>
        {['通报', '约谈', '问责', '县级自查', '市级复查'].map((k) => <Statistic key={k} title={k} value={count(k)} />)}
      </Space>
      <Table<SupervisionItem>
        rowKey="id"
        loading={items === null && !failed}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '对象', render: (_, r) => `${r.subjectName}（${r.subject}）` },
          { title: '类别', dataIndex: 'kind', render: (k: string) => <Tag color={COLOR[k]}>{k}</Tag>, width: 100 },
          { title: '事项', dataIndex: 'matter' },
          { title: '情况', dataIndex: 'finding' },
          { title: '结果', dataIndex: 'result', render: (r: string | null) => r ?? '' },
        ]}
      />
    </Card>
  );
}
