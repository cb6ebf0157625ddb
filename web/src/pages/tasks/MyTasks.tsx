// 我的任务: the user's open work, most pressing first — the next step of each open case (the absence
// rule: day 1 home visit, day 2 plan with the village, day 3+ formal report), absence warnings, and
// for a teacher the children not yet visited this term. Each item opens where the work is done.
import { Button, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { api, type TaskItem } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { LoadError } from '../../components/LoadError.tsx';
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

export function MyTasks() {
  const { data, loading, error, reload } = useLoader(() => api.tasks(), []);
  const urgent = data?.items.filter((t) => t.level === 'urgent').length ?? 0;
  return (
    <Card
      title="我的任务"
      extra={
        data && (
          <Typography.Text type="secondary">
            {`${data.today} · 共 ${data.total} 项`}
            {urgent > 0 && `，其中紧急 ${urgent} 项`}
          </Typography.Text>
        )
      }
    >
      {error && !data ? (
        <LoadError message={error} onRetry={reload} />
      ) : !data ? (
        <Spin spinning={loading} />
      ) : data.items.length === 0 ? (
        <Empty description="暂无待办任务" />
      ) : (
        <List
          dataSource={data.items}
          loading={loading}
          renderItem={(t) => (
            <List.Item
              actions={
                t.caseNo || (t.kind === 'care' && t.childId)
                  ? [
                      <Button key="open" type="link" onClick={() => openTask(t)}>
                        {t.kind === 'care' ? '记录走访' : '办理'}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag color={LEVELS[t.level].color}>{LEVELS[t.level].label}</Tag>
                    <Typography.Text strong>{t.title}</Typography.Text>
                    <Typography.Text type="secondary">{`${KINDS[t.kind]} · 期限 ${t.due}`}</Typography.Text>
                  </Space>
                }
                description={t.detail}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
