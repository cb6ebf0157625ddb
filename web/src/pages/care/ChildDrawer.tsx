// One cared child: family, guardian, mentor, the visits so far, and 记录走访 for those who visit.
import { Descriptions, Divider, Drawer, Empty, Grid, List, Spin, Tag, Typography } from 'antd';
import { api, type Me } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { VisitForm } from './VisitForm.tsx';

export function ChildDrawer({ id, me, onClose, onChanged }: { id: string; me: Me; onClose: () => void; onChanged: () => void }) {
  const { data: d, loading, error, reload } = useLoader(() => api.careChild(id), [id]);
  const screens = Grid.useBreakpoint();
  const canVisit = me.permissions.includes('care.visit');
  return (
    <Drawer title={d ? `${d.name} · 关爱对象` : '关爱对象'} open onClose={onClose} size={screens.md ? 520 : '100%'}>
      {error && !d ? (
        <LoadError message={error} onRetry={reload} />
      ) : !d ? (
        <Spin spinning={loading} />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类别">{d.categories.map((c) => <Tag key={c}>{c}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label="学校">{d.schoolName ?? d.schoolCode}</Descriptions.Item>
            <Descriptions.Item label="学籍号">{d.studentNo}</Descriptions.Item>
            <Descriptions.Item label="帮扶教师">{d.mentor ? `${d.mentor}（${d.mentorKind ?? ''}）` : '未结对'}</Descriptions.Item>
            <Descriptions.Item label="父母务工地">{d.parentsWorkPlace ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="监护人">{d.guardianName ? `${d.guardianName}${d.guardianRelation ? `（${d.guardianRelation}）` : ''}` : '—'}</Descriptions.Item>
            <Descriptions.Item label="监护人电话">{d.guardianPhone ? <a href={`tel:${d.guardianPhone}`}>{d.guardianPhone}</a> : '—'}</Descriptions.Item>
            <Descriptions.Item label="健康状况">{d.health ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="寄宿">{d.boarding === null ? '—' : d.boarding ? '是' : '否'}</Descriptions.Item>
            <Descriptions.Item label="本学期走访">{`${d.visitsThisTerm} 次`}</Descriptions.Item>
          </Descriptions>
          {canVisit && (
            <>
              <Divider titlePlacement="start">记录走访</Divider>
              <VisitForm
                childId={d.id}
                name={d.name}
                onDone={() => {
                  reload();
                  onChanged();
                }}
              />
            </>
          )}
          <Divider titlePlacement="start">走访记录</Divider>
          {d.visits.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无走访记录" />
          ) : (
            <List
              size="small"
              dataSource={d.visits}
              renderItem={(v) => (
                <List.Item>
                  <List.Item.Meta title={`${v.date} · ${v.kind} · ${v.by}`} description={<Typography.Text>{v.note}</Typography.Text>} />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
