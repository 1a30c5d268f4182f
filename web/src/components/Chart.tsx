import { Skeleton } from 'antd';
import { lazy, Suspense, type ComponentProps } from 'react';

const EChart = lazy(() => import('./EChart.js'));

/** A chart, with ECharts fetched in its own chunk the first time one is drawn. */
export function Chart(props: ComponentProps<typeof EChart>) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ height: props.height, width: '100%' }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
