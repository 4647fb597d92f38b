// Lines with limit lines and out-of-limit points (production environment readings): registered on the
// shared echarts when such a chart is first drawn.
import { LineChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { echarts } from './echarts-setup.ts';

echarts.use([LineChart, ScatterChart, MarkLineComponent]);

export { echarts };
