// Lines with limit lines, out-of-limit points and a legend (production environment readings): registered on the
// shared echarts when such a chart is first drawn.
import { LineChart, ScatterChart } from 'echarts/charts';
import { LegendComponent, MarkLineComponent } from 'echarts/components';
import { echarts } from './echarts-setup.ts';

echarts.use([LineChart, ScatterChart, MarkLineComponent, LegendComponent]);

export { echarts };
