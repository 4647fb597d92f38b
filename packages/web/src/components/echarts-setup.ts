// Loaded only through a dynamic import (components/echart.tsx): echarts stays out of the first page's JS.
// Only what the dashboard draws: bar (trends), map with a continuous scale (jurisdiction, recall
// holders). The supply-chain graph, the environment's lines and legends load with the charts that
// use them (echarts-graph.ts, echarts-lines.ts, echarts-legend.ts), so
// the dashboard's first load does not carry them (issue 6: first page under 600 kB gzipped).
import { BarChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, MapChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

export { echarts };
