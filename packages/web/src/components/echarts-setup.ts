// Loaded only through a dynamic import (components/echart.tsx): echarts stays out of the first page's JS.
// Only what the dashboard draws: bar (trends), map (jurisdiction, recall holders). The supply-chain
// graph and the environment's lines load with their pages (echarts-graph.ts, echarts-lines.ts), so
// the dashboard's first load does not carry them (issue 6: first page under 600 kB gzipped).
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
