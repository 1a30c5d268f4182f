import { Card } from 'antd';
import type { ReactNode } from 'react';

/** The compact card above a view's table that sums it up: counts, totals, the due date. */
export function Summary({
  title,
  testId,
  children,
}: {
  title?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      styles={{ body: { padding: '8px 12px' } }}
      title={title}
      data-testid={testId}
    >
      {children}
    </Card>
  );
}
