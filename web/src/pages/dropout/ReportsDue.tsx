// 四个一 报送提醒: the periods whose 控辍保学 report the user's level files (school monthly, county
// quarterly, city each term, province each school year), with their deadline and a download.
import { Card, List, Tag } from 'antd';
import { rhythmApi } from '../../api.ts';
import { useLoader } from '../../hooks.ts';

const COLORS: Record<string, string> = { 进行中: 'blue', 待报送: 'orange', 已过截止日: 'red' };

export function ReportsDue() {
  const { data } = useLoader(() => rhythmApi.reportsDue(), []);
  if (!data || data.items.length === 0) return null;
  return (
    <Card size="small" title={`四个一报送提醒（${data.today}）`} style={{ marginBottom: 16 }}>
      <List
        size="small"
        dataSource={data.items}
        renderItem={(r) => (
          <List.Item
            actions={[
              <a key="dl" href={rhythmApi.periodReportUrl(r.period)} download>
                下载报表
              </a>,
            ]}
          >
            <span>{`${r.level}${r.cadence} ${r.period}`}</span>
            <span style={{ marginLeft: 12 }}>{`截止 ${r.due}`}</span>
            <Tag color={COLORS[r.status]} style={{ marginLeft: 12 }}>
              {r.status}
            </Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
