// 我的关爱对象 (a teacher: the children assigned to them; a school or county: those of its scope):
// cards on a phone (< 576px, DataTable), a table on a desk; each opens the child with 记录走访.
import { useState } from 'react';
import { Badge, Button, Card, Input, Tag } from 'antd';
import { api, type CareItem, type Me } from '../../api.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { queryParam, setQueryParams } from '../../router.ts';
import { ChildDrawer } from './ChildDrawer.tsx';

const visitsTag = (n: number) => (n > 0 ? <Tag color="green">{`本学期已走访 ${n} 次`}</Tag> : <Tag color="red">本学期未走访</Tag>);

export function MyChildren({ me }: { me: Me }) {
  const list = usePagedList<CareItem>('care', (q) => api.careChildren(q));
  const [open, setOpen] = useState<string | null>(() => queryParam('child'));
  const title = me.role === 'teacher' ? '我的关爱对象' : '关爱对象';
  const action = me.permissions.includes('care.visit') ? '记录走访' : '查看';

  return (
    <Card title={title}>
      <DataTable<CareItem>
        list={list}
        exportPath="/api/care/children"
        rowKey={(c) => c.id}
        emptyText="暂无关爱对象"
        totalText={(n) => `共 ${n} 名`}
        cardTitle={(c) => c.name}
        cardActions={(c) => [
          <Button key="open" type="primary" onClick={() => setOpen(c.id)}>
            {action}
          </Button>,
        ]}
        toolbar={
          <Input.Search key={list.q} placeholder="姓名" allowClear enterButton="查询" style={{ width: 240, maxWidth: '100%' }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} />
        }
        columns={[
          { title: '姓名', dataIndex: 'name', width: 100, sortKey: 'name' },
          { title: '学籍号', dataIndex: 'studentNo', width: 200, card: false },
          { title: '类别', dataIndex: 'categories', render: (v: string[]) => v.map((k) => <Tag key={k}>{k}</Tag>) },
          { title: '帮扶教师', dataIndex: 'mentor', width: 110, sortKey: 'mentor', render: (v: string | null) => v ?? <Badge status="warning" text="未结对" /> },
          { title: '本学期走访', dataIndex: 'visitsThisTerm', width: 150, render: visitsTag },
          {
            title: '',
            key: 'open',
            width: 100,
            card: false,
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setOpen(r.id)}>
                {action}
              </Button>
            ),
          },
        ]}
      />
      {open && (
        <ChildDrawer
          id={open}
          me={me}
          onClose={() => {
            setOpen(null);
            setQueryParams({ child: null });
          }}
          onChanged={list.reload}
        />
      )}
    </Card>
  );
}
