// 我的任务: the user's open work, most pressing first — the next step of each open case (the absence
// rule: day 1 home visit, day 2 plan with the village, day 3+ formal report), absence warnings, and
// for a teacher the children not yet visited this term. Each item opens where the work is done. The
// server pages, sorts (level, due, kind, name) and filters (kind, level) the list and exports it.
import { Button, Card, Select, Tag, Typography } from 'antd';
import { api, type TaskItem, type TaskList } from '../../api.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { navigate } from '../../router.ts';

const LEVELS: Record<TaskItem['level'], { color: string; label: string }> = {
  urgent: { color: 'red', label: '紧急' },
  due: { color: 'orange', label: '近期' },
  later: { color: 'blue', label: '待办' },
};
const KINDS: Record<TaskItem['kind'], string> = { case: '控辍保学案件', absence: '缺勤预警', care: '关爱走访' };

function openTask(t: TaskItem): void {
  if (t.caseNo) navigate('/dropout', `?status=${encodeURIComponent('全部')}&case=${encodeURIComponent(t.caseNo)}`);
  else if (t.kind === 'care' && t.childId) navigate('/care', `?child=${encodeURIComponent(t.childId)}`);
}

const canOpen = (t: TaskItem) => Boolean(t.caseNo || (t.kind === 'care' && t.childId));
const openButton = (t: TaskItem) => (
  <Button key="open" type="link" onClick={() => openTask(t)}>
    {t.kind === 'care' ? '记录走访' : '办理'}
  </Button>
);

export function MyTasks() {
  const list = usePagedList<TaskItem, TaskList>('tasks', (q) => api.tasks(q), { filters: ['kind', 'level'] });
  const data = list.data;
  return (
    <Card
      title="我的任务"
      extra={
        data && (
          <Typography.Text type="secondary">
            {`${data.today} · 共 ${data.total} 项`}
            {data.urgent > 0 && `，其中紧急 ${data.urgent} 项`}
          </Typography.Text>
        )
      }
    >
      <DataTable<TaskItem>
        list={list}
        exportPath="/api/tasks"
        rowKey={(t) => `${t.kind}|${t.caseNo ?? t.childId ?? t.name}|${t.title}|${t.due}`}
        scrollX={820}
        emptyText="暂无待办任务"
        totalText={(n) => `共 ${n} 项`}
        toolbar={
          <>
            <Select
              allowClear
              placeholder="全部类别"
              aria-label="类别"
              value={list.filters.kind}
              options={Object.entries(KINDS).map(([value, label]) => ({ value, label }))}
              onChange={(v: string | undefined) => list.setFilter('kind', v)}
              style={{ width: 140 }}
            />
            <Select
              allowClear
              placeholder="全部紧急程度"
              aria-label="紧急程度"
              value={list.filters.level}
              options={Object.entries(LEVELS).map(([value, l]) => ({ value, label: l.label }))}
              onChange={(v: string | undefined) => list.setFilter('level', v)}
              style={{ width: 140 }}
            />
          </>
        }
        cardTitle={(t) => (
          <span>
            <Tag color={LEVELS[t.level].color}>{LEVELS[t.level].label}</Tag>
            {t.title}
          </span>
        )}
        cardActions={(t) => (canOpen(t) ? [openButton(t)] : [])}
        columns={[
          { title: '紧急程度', dataIndex: 'level', width: 100, sortKey: 'level', card: false, render: (v: TaskItem['level']) => <Tag color={LEVELS[v].color}>{LEVELS[v].label}</Tag> },
          { title: '任务', dataIndex: 'title', card: false, render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: '类别', dataIndex: 'kind', width: 120, sortKey: 'kind', render: (v: TaskItem['kind']) => KINDS[v] },
          { title: '姓名', dataIndex: 'name', width: 100, sortKey: 'name' },
          { title: '期限', dataIndex: 'due', width: 110, sortKey: 'due' },
          { title: '说明', dataIndex: 'detail' },
          { title: '', key: 'open', width: 100, card: false, render: (_: unknown, t) => (canOpen(t) ? openButton(t) : null) },
        ]}
      />
    </Card>
  );
}
