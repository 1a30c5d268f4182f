// ECharts with only the parts Leitai draws (tree-shaken: only the members named below are kept);
// imported lazily by the chart component.
import * as charts from 'echarts/charts';
import * as components from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  charts.BarChart,
  charts.BoxplotChart,
  charts.LineChart,
  charts.LinesChart,
  charts.MapChart,
  charts.ScatterChart,
  components.DataZoomComponent,
  components.GeoComponent,
  components.GridComponent,
  components.LegendComponent,
  components.MarkLineComponent,
  components.MarkPointComponent,
  components.TitleComponent,
  components.TooltipComponent,
  components.VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
