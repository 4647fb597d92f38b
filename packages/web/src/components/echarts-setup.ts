// Loaded only through a dynamic import (components/echart.tsx): echarts stays out of the first page's JS.
// Only what the app draws: bar (trends), map (jurisdiction, recall holders), graph (supply chain).
import { BarChart, GraphChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, GraphChart, MapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
