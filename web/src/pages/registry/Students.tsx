// 学生名单: the 学籍 roster of the user's scope, paged and filtered on the server; ID numbers masked.
// 详情 opens the student's whole file (一生一档, StudentFile.tsx).
import { useState } from 'react';
import { Button, Card, Input, Select, Tag, Typography } from 'antd';
import { api, type Me, type StudentItem } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { StudentFileDrawer } from './StudentFile.tsx';

/** 学籍状态 values of the 学籍 system (domain.md). */
const STUDENT_STATUSES = ['在读', '休学', '转出', '辍学', '毕业'];

const MATCH_COLORS: Record<NonNullable<StudentItem['matchStatus']>, string> = { confirmed: 'green', auto: 'blue', review: 'orange', none: 'default' };

export function Students({ me }: { me: Me }) {
  const list = usePagedList<StudentItem>('students', (q) => api.students(q), { filters: ['schoolCode', 'status'] });
  const [fileId, setFileId] = useState<string | null>(null);
  const schools = useLoader(() => api.schools(), []);
  const canFull = me.permissions.includes('student.readFull');
  const seesPoverty = me.permissions.includes('match.read');

  return (
    <Card title="学生名单">
      <DataTable<StudentItem>
        list={list}
        exportPath="/api/students"
        // Row keys end up in the DOM; a G-number 学籍号 would put the full ID number there.
        rowKey={(_r, i) => `${list.page}-${i}`}
        emptyText="没有符合条件的学生"
        totalText={(n) => `共 ${n} 名学生`}
        scrollX={1000}
        cardTitle={(r) => `${r.name} ${r.studentNo}`}
        cardActions={(r) => [
          <Button key="open" type="link" size="small" onClick={() => setFileId(r.id)}>
            详情
          </Button>,
        ]}
        toolbar={
          <>
            <Input.Search
              key={list.q}
              placeholder="姓名、学籍号或身份证件号"
              allowClear
              enterButton="查询"
              style={{ width: 320, maxWidth: '100%' }}
              defaultValue={list.q}
              onSearch={(v) => list.setQ(v)}
            />
            {(schools.data?.items.length ?? 0) > 1 && (
              <Select
                placeholder="全部学校"
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 240 }}
                value={list.filters.schoolCode}
                options={schools.data?.items.map((s) => ({ value: s.code, label: s.name }))}
                onChange={(v: string | undefined) => list.setFilter('schoolCode', v)}
              />
            )}
            <Select
              placeholder="全部学籍状态"
              allowClear
              style={{ width: 150 }}
              value={list.filters.status}
              options={STUDENT_STATUSES.map((s) => ({ value: s, label: s }))}
              onChange={(v: string | undefined) => list.setFilter('status', v)}
            />
          </>
        }
        columns={[
          { title: '学籍号', dataIndex: 'studentNo', width: 200, sortKey: 'studentNo' },
          { title: '姓名', dataIndex: 'name', width: 100, sortKey: 'name' },
          { title: '学校', dataIndex: 'schoolName', sortKey: 'school', render: (v: string | null, r) => v ?? r.schoolCode },
          { title: '学段', dataIndex: 'stage', width: 80, sortKey: 'stage' },
          { title: '年级', dataIndex: 'grade', width: 80, sortKey: 'grade' },
          { title: '寄宿', dataIndex: 'boarding', width: 70, render: (v: boolean) => (v ? '是' : '否') },
          { title: '学籍状态', dataIndex: 'status', width: 90, sortKey: 'status' },
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
            card: false,
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
