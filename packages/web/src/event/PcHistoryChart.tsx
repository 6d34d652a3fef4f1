/**
 * Pc and miss-distance history over an event's updates (echarts): Pc on a log axis (updates with Pc 0 or none are
 * gaps), miss distance on the right axis. The container gets `data-drawn="true"` once echarts has rendered.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { EventUpdateView } from '../api/client.ts';

export function PcHistoryChart({ history }: { history: readonly EventUpdateView[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' });
    chart.on('finished', () => {
      el.dataset['drawn'] = 'true';
    });
    const t = (u: EventUpdateView) => Date.parse(u.createdAt);
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 64, right: 64, top: 30, bottom: 40 },
      legend: { data: ['Pc', 'Miss distance'], top: 0, textStyle: { color: '#c8d3dd' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time', name: 'update', nameLocation: 'middle', nameGap: 26 },
      yAxis: [
        { type: 'log', name: 'Pc', logBase: 10, axisLabel: { formatter: (v: number) => v.toExponential(0) } },
        { type: 'value', name: 'miss (km)', splitLine: { show: false } },
      ],
      series: [
        { name: 'Pc', type: 'line', yAxisIndex: 0, showSymbol: true, connectNulls: false, data: history.map((u) => [t(u), u.pc !== null && u.pc > 0 ? u.pc : null]) },
        { name: 'Miss distance', type: 'line', yAxisIndex: 1, showSymbol: true, lineStyle: { type: 'dashed' }, data: history.map((u) => [t(u), u.missDistanceKm]) },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [history]);
  return <div ref={ref} className="pc-history" data-testid="pc-history" role="img" aria-label={`Pc and miss distance over ${history.length} updates`} />;
}
