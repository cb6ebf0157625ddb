// 比对复核: the pairs found between the 学籍 roster and the 建档立卡 registry, both sides side by
// side with the evidence; 确认 or 否决 (with a reason). Paged on the server.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Input, Modal, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { api, type MatchItem, type MatchList, type Me } from '../../api.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { errorText } from '../../hooks.ts';
import { MATCH_STATUS_LABELS, MATCH_STATUSES, type MatchStatus } from '../../../../src/registry/match-status.rules.ts';

const STATUS_COLORS: Record<MatchStatus, string> = { review: 'orange', auto: 'blue', confirmed: 'green', rejected: 'red' };

export function MatchReview({ me }: { me: Me }) {
  const { message } = App.useApp();
  const list = usePagedList<MatchItem, MatchList>('matches', (q) => api.matches(q), { filters: ['status'], defaults: { status: 'review' } });
  const status = (MATCH_STATUSES as readonly string[]).includes(list.filters.status ?? '') ? (list.filters.status as MatchStatus) : 'review';
  const [rejecting, setRejecting] = useState<MatchItem | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const canDecide = me.permissions.includes('match.decide');

  const decide = async (item: MatchItem, decision: 'confirmed' | 'rejected', why?: string) => {
    setBusy(true);
    try {
      if (decision === 'confirmed') await api.confirmMatch(item.matchId);
      else await api.rejectMatch(item.matchId, why ?? '');
      void message.success(`${item.studentName}：已${decision === 'confirmed' ? '确认' : '否决'}`);
      setRejecting(null);
      setReason('');
      list.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const secondary = (text: string | null | undefined) => (text ? <Typography.Text type="secondary">{text}</Typography.Text> : null);
  const stacked = (...lines: ReactNode[]) => (
    <Space orientation="vertical" size={0}>
      {lines}
    </Space>
  );
  const evidence = (r: MatchItem) => (
    <Space wrap size={4}>
      <Typography.Text type="secondary">比对方式：</Typography.Text>
      <span>{r.method}</span>
      <Tag>{`置信度 ${Math.round(r.confidence * 100)}%`}</Tag>
      <Typography.Text type="secondary">依据：</Typography.Text>
      <span>{r.basis}</span>
    </Space>
  );
  const columns: DataColumn<MatchItem>[] = [
    {
      title: '学籍',
      children: [
        { title: '姓名 / 学校', dataIndex: 'studentName', width: 140, sortKey: 'studentName', render: (v: string, r) => stacked(<b key="n">{v}</b>, <span key="s">{secondary(r.schoolName ?? r.schoolCode)}</span>) },
        { title: '出生日期', dataIndex: 'studentBirthDate', width: 100 },
        { title: '身份证件号', dataIndex: 'studentIdNumber', width: 160, render: (v: string | null) => v ?? '无' },
      ],
    },
    {
      title: '建档立卡',
      children: [
        { title: '姓名 / 户编号', dataIndex: 'memberName', width: 140, sortKey: 'memberName', render: (v: string, r) => stacked(<b key="n">{v}</b>, <span key="h">{secondary(r.householdNo)}</span>) },
        { title: '出生日期', dataIndex: 'memberBirthDate', width: 100 },
        { title: '身份证件号', dataIndex: 'memberIdNumber', width: 160, render: (v: string | null) => v ?? '无' },
        {
          title: '村 / 户类型',
          dataIndex: 'villageCode',
          width: 130,
          render: (v: string | null, r) => stacked(<span key="v">{v ?? '—'}</span>, <span key="t">{secondary(r.householdType)}</span>),
        },
      ],
    },
    {
      title: canDecide ? '状态 / 操作' : '状态',
      key: 'status',
      width: canDecide ? 150 : 110,
      fixed: 'right',
      render: (_: unknown, r) =>
        stacked(
          <Tag key="s" color={STATUS_COLORS[r.status]}>
            {r.statusLabel}
          </Tag>,
          r.decidedBy ? <span key="d">{secondary(`${r.decidedLevel === 'county' ? '县级 ' : r.decidedLevel === 'school' ? '学校 ' : ''}${r.decidedBy}${r.reason ? `：${r.reason}` : ''}`)}</span> : null,
          canDecide ? (
            <Space key="a" style={{ marginTop: 4 }}>
              {r.status !== 'confirmed' && (
                <Popconfirm title={`确认 ${r.studentName} 与建档立卡成员为同一人？`} okText="确认" cancelText="取消" onConfirm={() => void decide(r, 'confirmed')}>
                  <Button type="primary" size="small" disabled={busy}>
                    确认
                  </Button>
                </Popconfirm>
              )}
              {r.status !== 'rejected' && (
                <Button danger size="small" disabled={busy} onClick={() => setRejecting(r)}>
                  否决
                </Button>
              )}
            </Space>
          ) : null,
        ),
    },
  ];

  return (
    <Card title="比对复核">
      <Typography.Paragraph type="secondary">
        左侧为学籍信息，右侧为建档立卡信息。请核对姓名、出生日期和证件号后确认或否决；否决须填写理由。
      </Typography.Paragraph>
      <Tabs
        activeKey={status}
        onChange={(k) => list.setFilter('status', k)}
        items={MATCH_STATUSES.map((s) => ({ key: s, label: `${MATCH_STATUS_LABELS[s]}（${list.data?.counts[s] ?? 0}）` }))}
      />
      <DataTable<MatchItem>
        list={list}
        exportPath="/api/matches"
        // Row keys end up in the DOM, and a match id carries the 学籍号 (G + ID number).
        rowKey={(_r, i) => `${list.page}-${i}`}
        bordered
        size="small"
        columns={columns}
        toolbar={
          <Input.Search
            key={list.q}
            placeholder="姓名、学籍号或户编号"
            allowClear
            enterButton="查询"
            style={{ width: 320, maxWidth: '100%' }}
            defaultValue={list.q}
            onSearch={(v) => list.setQ(v)}
          />
        }
        // The evidence of each pair, in full, on a line of its own under the two sides.
        expandable={{ expandedRowRender: evidence, expandedRowKeys: list.items.map((_r, i) => `${list.page}-${i}`), showExpandColumn: false }}
        scrollX={1000}
        cardTitle={(r) => `${r.studentName} ↔ ${r.memberName}`}
        emptyText={`暂无${MATCH_STATUS_LABELS[status]}的比对结果`}
        totalText={(n) => `共 ${n} 对`}
      />
      <Modal
        title={rejecting ? `否决：${rejecting.studentName} ↔ ${rejecting.memberName}` : ''}
        open={rejecting !== null}
        okText="否决"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: busy }}
        onOk={() => rejecting && void decide(rejecting, 'rejected', reason.trim())}
        onCancel={() => {
          setRejecting(null);
          setReason('');
        }}
      >
        <Typography.Paragraph>请填写否决理由（例如：同名不同人，经入户核实）。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="否决理由" />
      </Modal>
    </Card>
  );
}
