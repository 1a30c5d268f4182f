import { useEffect, useMemo, useRef } from 'react';
import type { EChartsOption } from 'echarts';
import { echarts } from '../../lib/echarts.js';
import type { Geometry } from './geometry.js';
import type { Piece } from './legend.js';

/** Maps registered with ECharts in this page load. */
const registered = new Set<string>();

interface Props {
  geometry: Geometry;
  /** Regions with a value: the code and the number the legend classes (a status's index for status). */
  data: { code: string; value: number }[];
  pieces: Piece[];
  /** Fill of regions without a value. */
  noDataFill: string;
  /** The legend's title (what is shown, with its unit). */
  legendTitle: string;
  /** Tooltip HTML of a region (escaped by the caller). */
  tooltip: (code: string) => string;
  /** Called with a region's code when it is clicked. */
  onSelect: (code: string) => void;
  /** Called once the map has been drawn with this data. */
  onDrawn?: () => void;
  label: string;
  height: number;
}

/**
 * The choropleth: counties coloured through a piecewise legend, prefecture borders drawn over
 * them as lines. Marks its element with data-drawn-ms (ms since navigation) once drawn.
 */
export default function MapChart({
  geometry,
  data,
  pieces,
  noDataFill,
  legendTitle,
  tooltip,
  onSelect,
  onDrawn,
  label,
  height,
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const handlers = useRef({ tooltip, onSelect, onDrawn });
  handlers.current = { tooltip, onSelect, onDrawn };

  useEffect(() => {
    const el = ref.current!;
    if (!registered.has(geometry.map)) {
      echarts.registerMap(
        geometry.map,
        geometry.counties as Parameters<typeof echarts.registerMap>[1],
      );
      registered.add(geometry.map);
    }
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    // Resize only on a real change: the observer's first call (the size at init) would redraw
    // the whole map once more for nothing.
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const now = `${el.clientWidth}x${el.clientHeight}`;
      if (now === size) return;
      size = now;
      c.resize();
    });
    observer.observe(el);
    c.on('click', (p) => {
      const name = (p as { name?: string }).name;
      if (name) handlers.current.onSelect(name);
    });
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
    // The chart is made once; a new geometry comes with a new province, which remounts it.
  }, []);

  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (p: unknown) => handlers.current.tooltip((p as { name: string }).name),
      },
      visualMap: {
        type: 'piecewise',
        seriesIndex: 0,
        pieces,
        // The province's north-east corner is empty on the map: room for the legend.
        right: 8,
        top: 8,
        align: 'left',
        itemWidth: 16,
        itemHeight: 12,
        itemGap: 4,
        selectedMode: false,
        text: [legendTitle, ''],
        showLabel: true,
        textStyle: { fontSize: 12, color: '#262626' },
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: 6,
      },
      geo: {
        map: geometry.map,
        aspectScale: geometry.aspectScale,
        layoutCenter: ['50%', '50%'],
        layoutSize: '98%',
        roam: false,
        triggerEvent: true,
        label: { show: false },
        itemStyle: { areaColor: noDataFill, borderColor: '#ffffff', borderWidth: 0.6 },
        // Hover outlines the county and keeps its fill (a highlight colour would read as a class).
        emphasis: {
          label: { show: false },
          itemStyle: {
            borderColor: '#000000',
            borderWidth: 2,
            color: null as unknown as string,
            areaColor: null as unknown as string,
          },
        },
        select: { disabled: true },
        tooltip: { show: true },
      },
      series: [
        {
          type: 'map',
          geoIndex: 0,
          label: { show: false },
          emphasis: { label: { show: false } },
          data: data.map((d) => ({ name: d.code, value: d.value })),
        },
        {
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          z: 5,
          lineStyle: { color: '#262626', width: 1.4, opacity: 0.9 },
          data: geometry.outlines.map((coords) => ({ coords })),
        },
      ],
    }),
    [geometry, data, pieces, noDataFill, legendTitle],
  );

  useEffect(() => {
    const c = chart.current;
    const el = ref.current;
    if (!c || !el) return;
    el.removeAttribute('data-drawn-ms');
    const done = () => {
      el.dataset.drawnMs = String(Math.round(performance.now()));
      c.off('finished', done);
      handlers.current.onDrawn?.();
    };
    c.on('finished', done);
    c.setOption(option, true);
    return () => {
      c.off('finished', done);
    };
  }, [option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      data-testid="map-chart"
      style={{ height, width: '100%' }}
    />
  );
}
