// A region as people read it: its name, with the 行政区划代码 as a tooltip and as small secondary
// text; the code alone when the regions table has no name for it (the server sends the code then).
import { Tooltip, Typography } from 'antd';

export function RegionName({ code, name, secondary = true }: { code: string | null | undefined; name?: string | null; secondary?: boolean }) {
  if (!code) return <>—</>;
  if (!name || name === code) return <span className="region-code">{code}</span>;
  return (
    <Tooltip title={`行政区划代码 ${code}`}>
      <span className="region-name" data-code={code}>
        {name}
        {secondary && (
          <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
            {code}
          </Typography.Text>
        )}
      </span>
    </Tooltip>
  );
}
