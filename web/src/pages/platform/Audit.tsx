// 审计日志: who did what, when (administrators and inspectors).
import { Card, Input, Select, Typography } from 'antd';
import { api, type AuditList } from '../../api.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

type Item = AuditList['items'][number];

const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'user.add': '添加账号',
  'student.read-full': '查看完整证件号',
  'match.confirm': '确认比对',
  'match.reject': '否决比对',
  'clock.override': '设定系统日期',
  'list.export': '导出名单',
};

export function Audit() {
  const list = usePagedList<Item>('audit', (q) => api.audit(q), { filters: ['action', 'user'] });

  return (
    <Card title="审计日志">
      <Typography.Paragraph type="secondary">每一次修改和每一次查看完整个人信息都会留下记录。</Typography.Paragraph>
      <DataTable<Item>
        list={list}
        exportPath="/api/audit"
        // Row keys end up in the DOM; targets may carry a 学籍号 (G + ID number).
        rowKey={(_r, i) => `${list.page}-${i}`}
        emptyText="暂无审计记录"
        toolbar={
          <>
            <Input.Search
              key={list.filters.user}
              placeholder="用户名"
              allowClear
              enterButton="查询"
              style={{ width: 220 }}
              defaultValue={list.filters.user}
              onSearch={(v) => list.setFilter('user', v.trim())}
            />
            <Select
              placeholder="全部操作"
              allowClear
              style={{ width: 180 }}
              value={list.filters.action}
              options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={(v: string | undefined) => list.setFilter('action', v)}
            />
          </>
        }
        columns={[
          { title: '时间', dataIndex: 'at', width: 200, sortKey: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) },
          { title: '用户', dataIndex: 'user', width: 160, sortKey: 'user' },
          { title: '操作', dataIndex: 'action', width: 180, sortKey: 'action', render: (v: string) => ACTION_LABELS[v] ?? v },
          // Targets such as match ids carry 学籍号 (G + ID number): shown masked, like everywhere else.
          { title: '对象', dataIndex: 'target', ellipsis: true },
        ]}
      />
    </Card>
  );
}
