// Loaded only through a dynamic import (components/echart.tsx): echarts stays out of the first page's JS.
// Only what the app draws: bar (trends), map (jurisdiction, recall holders), graph (supply chain),
// line + scatter with limit lines (production environment readings).
import { BarChart, GraphChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GraphChart, LineChart, MapChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
