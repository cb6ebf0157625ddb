// 学生名单: the 学籍 roster of the user's scope, paged and filtered on the server; ID numbers masked.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { api, type Me, type StudentDetail, type StudentItem } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';

/** 学籍状态 values of the 学籍 system (domain.md). */
const STUDENT_STATUSES = ['在读', '休学', '转出', '辍学', '毕业'];

const MATCH_COLORS: Record<NonNullable<StudentItem['matchStatus']>, string> = { confirmed: 'green', auto: 'blue', review: 'orange', none: 'default' };

export function Students({ me }: { me: Me }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [q, setQ] = useState('');
  const [schoolCode, setSchoolCode] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [detail, setDetail] = useState<StudentDetail | null>(null);
  const { data, loading } = useLoader(() => api.students({ page, pageSize, q, schoolCode, status }), [page, pageSize, q, schoolCode, status]);
  const schools = useLoader(() => api.schools(), []);
  const canFull = me.permissions.includes('student.readFull');
  const seesPoverty = me.permissions.includes('match.read');

  const open = async (id: string, full = false) => {
    try {
      setDetail(await api.student(id, full));
    } catch (e) {
      void message.error(errorText(e));
    }
  };

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
              <Button type="link" size="small" onClick={() => void open(r.id)}>
                详情
              </Button>
            ),
          },
        ]}
      />
      <Drawer title={detail ? `${detail.name} · 学生详情` : ''} open={detail !== null} onClose={() => setDetail(null)} size={520}>
        {detail && (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="学籍号">{detail.studentNo}</Descriptions.Item>
              <Descriptions.Item label="身份证件号">
                <Space>
                  {detail.idNumber ?? '无'}
                  {canFull && !detail.fullId && (
                    <Button size="small" icon={<EyeOutlined />} onClick={() => void open(detail.id, true)}>
                      查看完整（将记录审计）
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="性别">{detail.sex === 'M' ? '男' : detail.sex === 'F' ? '女' : '—'}</Descriptions.Item>
              <Descriptions.Item label="出生日期">{detail.birthDate ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="民族">{detail.ethnicity ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="学校">{detail.schoolName ?? detail.schoolCode}</Descriptions.Item>
              <Descriptions.Item label="学段 / 年级">{`${detail.stage ?? '—'} / ${detail.grade ?? '—'}`}</Descriptions.Item>
              <Descriptions.Item label="寄宿">{detail.boarding ? '是' : '否'}</Descriptions.Item>
              <Descriptions.Item label="学籍状态">{detail.status}</Descriptions.Item>
            </Descriptions>
            {seesPoverty && (
            <><Typography.Title level={5} style={{ marginTop: 16 }}>
              比对结果
            </Typography.Title>
            <Table
              rowKey={(m) => String(detail.matches.indexOf(m))}
              size="small"
              pagination={false}
              dataSource={detail.matches}
              locale={{ emptyText: '未比中任何困难家庭名单' }}
              columns={[
                { title: '名单', dataIndex: 'listKind' },
                { title: '户编号', dataIndex: 'householdNo' },
                { title: '比对方式', dataIndex: 'method' },
                { title: '状态', dataIndex: 'statusLabel' },
              ]}
            /></>
            )}
          </>
        )}
      </Drawer>
    </Card>
  );
}
