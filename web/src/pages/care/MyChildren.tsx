// 我的关爱对象 (a teacher: the children assigned to them; a school or county: those of its scope):
// cards on a phone (≤ 600px), a table on a desk; each opens the child with 记录走访.
import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Empty, Pagination, Row, Space, Spin, Table, Tag } from 'antd';
import { api, type CareItem, type Me } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { ChildDrawer } from './ChildDrawer.tsx';

const PHONE = '(max-width: 600px)';

function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const m = window.matchMedia(PHONE);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}

const visitsTag = (n: number) => (n > 0 ? <Tag color="green">{`本学期已走访 ${n} 次`}</Tag> : <Tag color="red">本学期未走访</Tag>);

export function MyChildren({ me }: { me: Me }) {
  const phone = usePhone();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [open, setOpen] = useState<string | null>(() => queryParam('child'));
  const { data, loading, error, reload } = useLoader(() => api.careChildren(page, pageSize), [page, pageSize]);
  const title = me.role === 'teacher' ? '我的关爱对象' : '关爱对象';
  const action = me.permissions.includes('care.visit') ? '记录走访' : '查看';

  const body = () => {
    if (error && !data) return <LoadError message={error} onRetry={reload} />;
    const items = data?.items ?? [];
    if (phone) {
      return (
        <Spin spinning={loading}>
          {items.length === 0 && !loading && <Empty description="暂无关爱对象" />}
          <Row gutter={[0, 12]}>
            {items.map((c) => (
              <Col span={24} key={c.id}>
                <Card size="small" title={c.name} extra={visitsTag(c.visitsThisTerm)} onClick={() => setOpen(c.id)} hoverable>
                  <Space wrap size={4}>
                    {c.categories.map((k) => (
                      <Tag key={k}>{k}</Tag>
                    ))}
                  </Space>
                  <Button type="primary" block style={{ marginTop: 12 }} onClick={() => setOpen(c.id)}>
                    {action}
                  </Button>
                </Card>
              </Col>
            ))}
          </Row>
          {(data?.total ?? 0) > pageSize && <Pagination simple style={{ marginTop: 12, textAlign: 'center' }} current={page} pageSize={pageSize} total={data?.total ?? 0} onChange={setPage} />}
        </Spin>
      );
    }
    return (
      <Table<CareItem>
        rowKey="id"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: '暂无关爱对象' }}
        size="middle"
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 名`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100 },
          { title: '学籍号', dataIndex: 'studentNo', width: 200 },
          { title: '类别', dataIndex: 'categories', render: (v: string[]) => v.map((k) => <Tag key={k}>{k}</Tag>) },
          { title: '帮扶教师', dataIndex: 'mentor', width: 110, render: (v: string | null) => v ?? <Badge status="warning" text="未结对" /> },
          { title: '本学期走访', dataIndex: 'visitsThisTerm', width: 150, render: visitsTag },
          {
            title: '',
            key: 'open',
            width: 100,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setOpen(r.id)}>
                {action}
              </Button>
            ),
          },
        ]}
      />
    );
  };

  return (
    <Card title={title} styles={{ body: phone ? { padding: 12 } : undefined }}>
      {body()}
      {open && (
        <ChildDrawer
          id={open}
          me={me}
          onClose={() => {
            setOpen(null);
            setQueryParams({ child: null });
          }}
          onChanged={reload}
        />
      )}
    </Card>
  );
}
