import { useEffect, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { echarts } from '../lib/echarts.js';

interface Props {
  option: EChartsOption;
  height: number | string;
  width?: number | string;
  /** Text for screen readers: what the chart shows. */
  label: string;
  onClick?: (params: { name: string; data: unknown; dataIndex: number }) => void;
}

/** One ECharts instance bound to a div; resized with its container, disposed with the component. */
export default function EChart({ option, height, width = '100%', label, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    const el = ref.current!;
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const handler = (p: unknown) =>
      onClick(p as { name: string; data: unknown; dataIndex: number });
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ height, width }} />;
}
