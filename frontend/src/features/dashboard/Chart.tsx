// One ECharts chart. Only the chart kinds the dashboard draws are registered (echarts/core),
// and this module is reached only through the lazily loaded dashboard route.
import { useEffect, useRef } from 'react';
import { BarChart, BoxplotChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, BoxplotChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a chart element names: the series and the category's index. */
export interface ChartClick {
  seriesName: string;
  seriesIndex: number;
  dataIndex: number;
}

interface ChartProps {
  option: ChartOption;
  onClick?: (click: ChartClick) => void;
  height?: number;
  testId: string;
  label: string;
}

export function Chart({ option, onClick, height = 280, testId, label }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      const e = p as unknown as ChartClick;
      clicked.current?.({ seriesName: e.seriesName, seriesIndex: e.seriesIndex, dataIndex: e.dataIndex });
    });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="chart" style={{ height }} data-testid={testId} role="img" aria-label={label} />;
}
