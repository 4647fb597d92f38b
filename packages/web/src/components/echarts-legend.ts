// A legend (stacked bars of the product dossier): registered on the shared echarts when such a chart is first drawn.
import { LegendComponent } from 'echarts/components';
import { echarts } from './echarts-setup.ts';

echarts.use([LegendComponent]);

export { echarts };
