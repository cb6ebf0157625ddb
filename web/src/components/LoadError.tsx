// What a page shows when its data could not be loaded: the server's message and a 重试 button.
import { Button, Result } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';

export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Result
      status="warning"
      title="加载失败"
      subTitle={message}
      extra={
        <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}

/** Today in the browser's calendar (YYYY-MM-DD), the default of date fields. */
export function todayText(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
