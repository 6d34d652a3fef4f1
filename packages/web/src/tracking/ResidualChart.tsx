/**
 * OD residuals against time (echarts scatter), one chart per unit, one series per station and type; edited
 * (rejected) points drawn hollow. The container gets `data-drawn="true"` once echarts has rendered.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { ResidualChartData } from './trackingData.ts';

export function ResidualChart({ data }: { data: ResidualChartData }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' });
    chart.on('finished', () => {
      el.dataset['drawn'] = 'true';
    });
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 64, right: 16, top: 40, bottom: 40 },
      legend: { type: 'scroll', top: 0, textStyle: { color: '#c8d3dd' } },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'time', name: 'UTC', nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', name: `residual (${data.unit})` },
      series: data.series.map((s) => ({ name: s.name, type: 'scatter', symbolSize: 4, itemStyle: s.edited ? { color: 'transparent', borderWidth: 1 } : {}, data: s.points })),
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [data]);
  return <div ref={ref} className="pc-history" data-testid={`residuals-${data.unit}`} role="img" aria-label={`OD residuals in ${data.unit}, ${data.series.length} series`} />;
}
