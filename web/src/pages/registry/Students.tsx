// 学生名单: the 学籍 roster of the user's scope, paged and filtered on the server; ID numbers masked.
// 详情 opens the student's whole file (一生一档, StudentFile.tsx).
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api, type Me, type StudentItem } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { StudentFileDrawer } from './StudentFile.tsx';

/** 学籍状态 values of the 学籍 system (domain.md). */
const STUDENT_STATUSES = ['在读', '休学', '转出', '辍学', '毕业'];

const MATCH_COLORS: Record<NonNullable<StudentItem['matchStatus']>, string> = { confirmed: 'green', auto: 'blue', review: 'orange', none: 'default' };

export function Students({ me }: { me: Me }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [schoolCode, setSchoolCode] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [fileId, setFileId] = useState<string | null>(null);
  const { data, loading } = useLoader(() => api.students({ page, pageSize, q, schoolCode, status }), [page, pageSize, q, schoolCode, status]);
  const schools = useLoader(() => api.schools(), []);
  const canFull = me.permissions.includes('student.readFull');
  const seesPoverty = me.permissions.includes('match.read');

  return (
    <Card title="学生名单">
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="姓名、学籍号或身份证件号"
          allowClear
          enterButton="查询"
          style={{ width: 320 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        {(schools.data?.items.length ?? 0) > 1 && (
          <Select
            placeholder="全部学校"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 240 }}
            value={schoolCode}
            options={schools.data?.items.map((s) => ({ value: s.code, label: s.name }))}
            onChange={(v: string | undefined) => {
              setSchoolCode(v);
              setPage(1);
            }}
          />
        )}
        <Select
          placeholder="全部学籍状态"
          allowClear
          style={{ width: 150 }}
          value={status}
          options={STUDENT_STATUSES.map((s) => ({ value: s, label: s }))}
          onChange={(v: string | undefined) => {
            setStatus(v);
            setPage(1);
          }}
        />
      </Space>
      <Table<StudentItem & { key: string }>
        // Row keys end up in the DOM; a G-number 学籍号 would put the full ID number there.
        rowKey="key"
        loading={loading}
        dataSource={(data?.items ?? []).map((s, i) => ({ ...s, key: `${page}-${i}` }))}
        locale={{ emptyText: '没有符合条件的学生' }}
        size="middle"
        scroll={{ x: 1000 }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 名学生`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '学籍号', dataIndex: 'studentNo', width: 200 },
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '学校', dataIndex: 'schoolName', render: (v: string | null, r) => v ?? r.schoolCode },
          { title: '学段', dataIndex: 'stage', width: 80 },
          { title: '年级', dataIndex: 'grade', width: 80 },
          { title: '寄宿', dataIndex: 'boarding', width: 70, render: (v: boolean) => (v ? '是' : '否') },
          { title: '学籍状态', dataIndex: 'status', width: 90 },
          { title: '身份证件号', dataIndex: 'idNumber', width: 200, render: (v: string | null) => v ?? <Typography.Text type="secondary">无</Typography.Text> },
          ...(seesPoverty
            ? [
                {
                  title: '比对状态',
                  dataIndex: 'matchStatus',
                  width: 100,
                  render: (v: StudentItem['matchStatus'], r: StudentItem) => (v ? <Tag color={MATCH_COLORS[v]}>{r.matchStatusLabel}</Tag> : null),
                },
              ]
            : []),
          {
            title: '',
            key: 'open',
            width: 70,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setFileId(r.id)}>
                详情
              </Button>
            ),
          },
        ]}
      />
      <StudentFileDrawer id={fileId} canFull={canFull} onClose={() => setFileId(null)} />
    </Card>
  );
}
