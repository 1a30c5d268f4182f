import * as echarts from 'echarts';
import type { BulletinChart } from '../../core/bulletin/model.js';
import { formatNumber } from '../../core/numeric/index.js';
import { countyGeoJson, rings, type CountyGeoJson } from './geometry.js';
import { svgToPng } from './png.js';
import { CSS_FONTS } from './style.js';

// The bulletin's charts, drawn on the server with ECharts' SVG renderer: the HTML inlines the
// SVG, Word gets a PNG of it (resvg, with the system's Chinese font).

/** Chart width in CSS px (96 dpi): 148 mm, inside the 156 mm text column. */
export const CHART_WIDTH = 560;
/** Tallest chart, px: it and its caption fit on one page (225 mm of text height). */
const MAX_HEIGHT = 780;
/** The PNG has this many pixels per CSS px, for print. */
const PNG_SCALE = 2;

export interface ChartImage {
  svg: string;
  width: number;
  height: number;
}

/** The map legend's words and fills, in legend order: the warning colours, grey for no data. */
export const MAP_LEVELS = [
  { level: 'red', label: '红色预警', color: '#cf1322' },
  { level: 'yellow', label: '黄色预警', color: '#faad14' },
  { level: 'green', label: '无预警', color: '#52c41a' },
  { level: 'none', label: '无数据', color: '#bfbfbf' },
] as const;
/** Counties of the drawn prefectures outside the bulletin's scope (districts, for one). */
const OUT_OF_SCOPE = { label: '不在通报范围', color: '#f0f0f0' };

export { missingMapText } from './style.js';

/** The chart as SVG, or null for a map of a province without county boundaries. */
export function drawChart(chart: BulletinChart): ChartImage | null {
  if (chart.kind === 'ranking') return drawRanking(chart);
  const geo = countyGeoJson(chart.province);
  return geo ? drawMap(chart, geo) : null;
}

function render(option: echarts.EChartsCoreOption, width: number, height: number): ChartImage {
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    c.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CSS_FONTS.chart },
      ...option,
    });
    return { svg: c.renderToSVGString(), width, height };
  } finally {
    // An undisposed SSR chart keeps a timer that holds the process open.
    c.dispose();
  }
}

function drawRanking(chart: Extract<BulletinChart, { kind: 'ranking' }>): ChartImage {
  const n = Math.max(chart.bars.length, 1);
  const row = Math.min(22, Math.max(10, Math.floor((MAX_HEIGHT - 50) / n)));
  const font = row >= 16 ? 12 : 9;
  const height = n * row + 50;
  return render(
    {
      grid: { left: 8, right: 48, top: 12, bottom: 28, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: font } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chart.bars.map((b) => b.name),
        axisTick: { show: false },
        axisLabel: { fontSize: font, interval: 0 },
      },
      series: [
        {
          type: 'bar',
          data: chart.bars.map((b) => b.score),
          barWidth: '70%',
          itemStyle: { color: '#1677ff' },
          label: {
            show: true,
            position: 'right',
            fontSize: font,
            formatter: (p: { value: number }) => formatNumber(p.value, 1),
          },
        },
      ],
    },
    CHART_WIDTH,
    height,
  );
}

type MapChart = Extract<BulletinChart, { kind: 'map' }>;

const parentOf = (f: CountyGeoJson['features'][number]) =>
  f.properties.parent_code ?? f.properties.adcode.slice(0, 4) + '00';

/** The features of the prefectures the scope's counties lie in, named by code (ECharts' key). */
function scopeFeatures(chart: MapChart, geo: CountyGeoJson): CountyGeoJson {
  const codes = new Set(chart.regions.map((r) => r.code));
  const prefectures = new Set(
    geo.features.filter((f) => codes.has(f.properties.adcode)).map(parentOf),
  );
  return {
    type: 'FeatureCollection',
    features: geo.features
      .filter((f) => prefectures.has(parentOf(f)))
      .map((f) => ({ ...f, properties: { ...f.properties, name: f.properties.adcode } })),
  };
}

/** Height over width of the features' bounding box, longitude scaled by cos(latitude). */
function aspect(geo: CountyGeoJson): { ratio: number; scale: number } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const f of geo.features)
    for (const ring of rings(f.geometry))
      for (const [x, y] of ring) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
  const scale = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  return { ratio: (y1 - y0) / Math.max((x1 - x0) * scale, 1e-9), scale };
}

const registered = new Set<string>();
/** The value of a county outside the scope; the legend lists pieces by value, so it comes last. */
const OUT = MAP_LEVELS.length;

function drawMap(chart: MapChart, geo: CountyGeoJson): ChartImage | null {
  const shown = scopeFeatures(chart, geo);
  if (shown.features.length === 0) return null;
  const prefectures = [...new Set(shown.features.map(parentOf))].sort();
  const name = `leitai-${chart.province}-${prefectures.join('-')}`;
  if (!registered.has(name)) {
    echarts.registerMap(name, shown as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.add(name);
  }
  const { ratio, scale } = aspect(shown);
  const legend = 40;
  const mapWidth = CHART_WIDTH - 20;
  const mapHeight = Math.min(MAX_HEIGHT - legend - 20, Math.round(mapWidth * ratio));
  const inScope = new Map(chart.regions.map((r) => [r.code, r]));
  const levelIndex = (level: string) => MAP_LEVELS.findIndex((l) => l.level === level);
  const data = shown.features.map((f) => {
    const r = inScope.get(f.properties.adcode);
    const value = r ? levelIndex(r.level) : OUT;
    // Only the counties in red and yellow are named: the tables name every county.
    const named = r && (r.level === 'red' || r.level === 'yellow');
    return { name: f.properties.adcode, value, label: { show: !!named } };
  });
  const names = new Map(chart.regions.map((r) => [r.code, r.name]));
  const hasOut = data.some((d) => d.value === OUT);
  const pieces = [
    ...MAP_LEVELS.map((l, i) => ({ value: i, label: l.label, color: l.color })),
    ...(hasOut ? [{ value: OUT, ...OUT_OF_SCOPE }] : []),
  ];
  return render(
    {
      visualMap: {
        type: 'piecewise',
        pieces,
        orient: 'horizontal',
        left: 'center',
        bottom: 8,
        itemWidth: 14,
        itemHeight: 10,
        itemSymbol: 'rect',
        selectedMode: false,
        textStyle: { fontSize: 12 },
      },
      series: [
        {
          type: 'map',
          map: name,
          aspectScale: scale,
          left: 10,
          right: 10,
          top: 10,
          bottom: legend,
          roam: false,
          itemStyle: { borderColor: '#595959', borderWidth: 0.5 },
          label: {
            fontSize: 9,
            color: '#000000',
            formatter: (p: { name: string }) => names.get(p.name) ?? '',
          },
          labelLayout: { hideOverlap: true },
          data,
        },
      ],
    },
    CHART_WIDTH,
    mapHeight + legend + 20,
  );
}

/** The chart as PNG, for Word, at twice its CSS size for print. */
export function chartPng(image: ChartImage): Promise<Buffer> {
  return svgToPng(image.svg, image.width * PNG_SCALE);
}

/** A chart drawn for Word: its CSS size and PNG. */
export interface DrawnChart {
  width: number;
  height: number;
  png: Uint8Array;
}

/** The chart drawn as PNG, or null for a map of a province without county boundaries. */
export async function drawPng(chart: BulletinChart): Promise<DrawnChart | null> {
  const image = drawChart(chart);
  return image && { width: image.width, height: image.height, png: await chartPng(image) };
}
