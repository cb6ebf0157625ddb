// DataTable: an antd Table wired to usePagedList (paging.ts): the server pages and sorts (columns
// with sortKey), the toolbar holds the page's filters and an 导出 Excel button that asks the list
// endpoint for the same query as .xlsx (all pages, through the server's presenter), a failed load
// shows LoadError with 重试 instead of an empty table, and at phone width (< 576 px) each row is a
// Card with the row's key fields instead of the wide table.
import { useState, type Key, type ReactNode } from 'react';
import { App, Button, Card, Empty, Grid, Pagination, Space, Spin, Table, Typography } from 'antd';
import type { ColumnGroupType, ColumnType, TableProps } from 'antd/es/table/index.js';
import type { SorterResult, SortOrder } from 'antd/es/table/interface.js';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadList } from '../api.ts';
import { errorText } from '../hooks.ts';
import { MAX_PAGE_SIZE, type PagedList } from '../paging.ts';
import { LoadError } from './LoadError.tsx';

export interface DataColumn<T> extends ColumnType<T> {
  /** the server's sort name of this column; makes the column sortable. */
  sortKey?: string;
  /** false leaves the column off the phone card (e.g. a wide or secondary field). */
  card?: boolean;
  /** a column group (a header over several columns); the card shows its columns. */
  children?: DataColumn<T>[];
}

/** The columns that hold values (groups opened up), for the phone cards. */
function leaves<T>(columns: DataColumn<T>[]): DataColumn<T>[] {
  return columns.flatMap((c) => (c.children ? leaves(c.children) : [c]));
}

export interface DataTableProps<T> {
  list: PagedList<T>;
  columns: DataColumn<T>[];
  rowKey: (row: T, index: number) => Key;
  /** the list endpoint (e.g. /api/students): 导出 Excel asks it for format=xlsx with the same query. */
  exportPath?: string;
  toolbar?: ReactNode;
  emptyText?: string;
  totalText?: (total: number) => string;
  scrollX?: number;
  /** a card's title at phone width; the first column's value when absent. */
  cardTitle?: (row: T) => ReactNode;
  /** actions at the foot of a phone card (the table shows them in a column). */
  cardActions?: (row: T) => ReactNode[];
  size?: TableProps<T>['size'];
  bordered?: boolean;
  expandable?: TableProps<T>['expandable'];
  rowSelection?: TableProps<T>['rowSelection'];
}

function cellOf<T>(col: DataColumn<T>, row: T, index: number): ReactNode {
  const di = col.dataIndex;
  const value: unknown = typeof di === 'string' || typeof di === 'number' ? (row as Record<string, unknown>)[di] : undefined;
  if (col.render) return col.render(value, row, index) as ReactNode;
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
}

/** Downloads the list as .xlsx: same filters and sort, every page (the server caps the rows). */
function ExportButton({ path, query, disabled }: { path: string; query: Record<string, unknown>; disabled: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled}
      onClick={() => {
        setBusy(true);
        const q: Record<string, string | number | undefined> = {};
        for (const [k, v] of Object.entries(query)) if (k !== 'page' && k !== 'pageSize' && (typeof v === 'string' || typeof v === 'number')) q[k] = v;
        downloadList(path, q)
          .catch((e: unknown) => void message.error(errorText(e)))
          .finally(() => setBusy(false));
      }}
    >
      导出 Excel
    </Button>
  );
}

export function DataTable<T>(props: DataTableProps<T>) {
  const { list, columns } = props;
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const totalText = props.totalText ?? ((n: number) => `共 ${n} 条`);
  const failed = list.error !== null && !list.loading;

  const sortField = list.sort?.replace(/^-/, '');
  const sortOrder: SortOrder = list.sort ? (list.sort.startsWith('-') ? 'descend' : 'ascend') : null;
  const toTable = ({ sortKey, card: _card, children, ...c }: DataColumn<T>): ColumnType<T> | ColumnGroupType<T> =>
    children
      ? { ...c, children: children.map(toTable) }
      : sortKey
        ? { ...c, key: sortKey, sorter: true, sortOrder: sortField === sortKey ? sortOrder : null, sortDirections: ['ascend', 'descend'] }
        : c;
  const tableColumns = columns.map(toTable);

  const toolbar =
    props.toolbar || props.exportPath ? (
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', marginBottom: 16 }}>
        <Space wrap>{props.toolbar}</Space>
        {props.exportPath && <ExportButton path={props.exportPath} query={list.query} disabled={failed || list.total === 0} />}
      </div>
    ) : null;

  if (failed) {
    return (
      <>
        {toolbar}
        <LoadError message={list.error ?? ''} onRetry={list.reload} />
      </>
    );
  }

  const pagination = {
    current: list.page,
    pageSize: list.pageSize,
    total: list.total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, MAX_PAGE_SIZE],
    showTotal: totalText,
    onChange: (p: number, s: number) => list.setPage(p, s),
  };

  if (phone) {
    const [first, ...rest] = leaves(columns).filter((c) => c.card !== false);
    return (
      <>
        {toolbar}
        <Spin spinning={list.loading}>
          {list.items.length === 0 ? (
            <Empty description={props.emptyText ?? '暂无数据'} />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }} data-testid="table-cards">
              {list.items.map((row, i) => (
                <Card key={props.rowKey(row, i)} size="small" className="data-card" title={props.cardTitle ? props.cardTitle(row) : first ? cellOf(first, row, i) : null} actions={props.cardActions?.(row)}>
                  {/* plain lines, not Descriptions: that is a <table>, and a phone gets no tables */}
                  {(props.cardTitle ? [first, ...rest] : rest)
                    .filter((c): c is DataColumn<T> => c !== undefined && typeof c.title === 'string' && c.title !== '')
                    .map((c, k) => (
                      <div key={k} className="data-card-field" style={{ display: 'flex', gap: 8, padding: '2px 0' }}>
                        <Typography.Text type="secondary" style={{ flex: '0 0 auto', minWidth: 72 }}>
                          {c.title as string}
                        </Typography.Text>
                        <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{cellOf(c, row, i)}</span>
                      </div>
                    ))}
                </Card>
              ))}
            </Space>
          )}
        </Spin>
        <Pagination {...pagination} size="small" simple style={{ marginTop: 12, textAlign: 'center' }} showTotal={totalText} />
      </>
    );
  }

  return (
    <>
      {toolbar}
      <Table<T>
        rowKey={(row) => props.rowKey(row, list.items.indexOf(row))}
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: props.emptyText ?? '暂无数据' }}
        size={props.size ?? 'middle'}
        bordered={props.bordered}
        scroll={props.scrollX ? { x: props.scrollX } : undefined}
        expandable={props.expandable}
        rowSelection={props.rowSelection}
        pagination={pagination}
        columns={tableColumns}
        onChange={(_p, _f, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
          const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
          list.setSort(key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined);
        }}
      />
    </>
  );
}
