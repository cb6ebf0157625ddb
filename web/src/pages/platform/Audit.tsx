// 审计日志: who did what, when (administrators and inspectors).
import { useState } from 'react';
import { Card, Table, Typography } from 'antd';
import { api, type AuditList } from '../../api.ts';
import { useLoader } from '../../hooks.ts';

type Item = AuditList['items'][number];

const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'user.add': '添加账号',
  'student.read-full': '查看完整证件号',
  'match.confirm': '确认比对',
  'match.reject': '否决比对',
  'clock.override': '设定系统日期',
};

export function Audit() {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, loading } = useLoader(() => api.audit(page, pageSize), [page, pageSize]);

  return (
    <Card title="审计日志">
      <Typography.Paragraph type="secondary">每一次修改和每一次查看完整个人信息都会留下记录。</Typography.Paragraph>
      <Table<Item>
        // Row keys end up in the DOM; targets may carry a 学籍号 (G + ID number).
        rowKey={(r) => `${page}-${data?.items.indexOf(r) ?? 0}`}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '暂无审计记录' }}
        size="middle"
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (n) => `共 ${n} 条`,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 200, render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) },
          { title: '用户', dataIndex: 'user', width: 160 },
          { title: '操作', dataIndex: 'action', width: 180, render: (v: string) => ACTION_LABELS[v] ?? v },
          // Targets such as match ids carry 学籍号 (G + ID number): shown masked, like everywhere else.
          { title: '对象', dataIndex: 'target', ellipsis: true },
        ]}
      />
    </Card>
  );
}
