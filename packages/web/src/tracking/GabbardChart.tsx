/** Gabbard diagram of a breakup (echarts scatter: apogee and perigee altitude against period); `data-drawn` once rendered. */
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts';
import { gabbardSeries, type GabbardPointView } from './breakupData.ts';

export function GabbardChart({ points }: { points: readonly GabbardPointView[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const series = useMemo(() => gabbardSeries(points), [points]);
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
      legend: { top: 0, textStyle: { color: '#c8d3dd' } },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', name: 'period (min)', nameLocation: 'middle', nameGap: 26, scale: true },
      yAxis: { type: 'value', name: 'altitude (km)', scale: true },
      series: [
        { name: 'apogee', type: 'scatter', symbolSize: 5, itemStyle: { color: '#ff7043' }, data: series.apogee },
        { name: 'perigee', type: 'scatter', symbolSize: 5, itemStyle: { color: '#42a5f5' }, data: series.perigee },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [series]);
  return <div ref={ref} className="pc-history" data-testid="gabbard" role="img" aria-label={`Gabbard diagram, ${points.length} fragments`} />;
}
