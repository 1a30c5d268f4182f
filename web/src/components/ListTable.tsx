import { Table, type TableProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PageState } from './PageState.js';

/** Long tables: 50 rows a page, the size a choice, no pager for one page. */
const PAGED = { defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true };

/**
 * A compact table of `rows`, shown whole or (`paged`) in pages, or the empty state saying why it
 * has no rows. Other table settings (row keys, expandable rows) pass through.
 */
export function ListTable<R extends object>({
  rows,
  columns,
  empty,
  width,
  paged,
  testId,
  ...table
}: {
  rows: R[];
  columns: ColumnsType<R>;
  /** Why there are no rows. */
  empty: string;
  /** The width below which the table scrolls sideways. */
  width: number;
  paged?: boolean;
  testId: string;
} & Pick<TableProps<R>, 'rowKey' | 'expandable'>) {
  if (rows.length === 0) return <PageState empty={empty} />;
  return (
    <Table<R>
      size="small"
      columns={columns}
      dataSource={rows}
      scroll={{ x: width }}
      pagination={paged ? PAGED : false}
      {...table}
      data-testid={testId}
    />
  );
}
