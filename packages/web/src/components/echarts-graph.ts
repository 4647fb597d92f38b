// The supply-chain graph (trace page): registered on the shared echarts when a graph is first drawn.
import { GraphChart } from 'echarts/charts';
import { echarts } from './echarts-setup.ts';

echarts.use([GraphChart]);

export { echarts };
