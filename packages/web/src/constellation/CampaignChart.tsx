/**
 * Deployment campaign as a Gantt-like chart (echarts): one row per launch, waiting before launch (transparent), drift
 * at the insertion altitude (light: in-plane phasing, orange: J2 nodal drift) and raising (dark); below, satellites
 * in service over time; a vertical line at the globe's clock. The container gets `data-drawn="true"` once drawn.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import type { CampaignPlan } from './layer.ts';

const DAY_MS = 86_400_000;

export function CampaignChart({ plan, clockMs }: { plan: CampaignPlan; clockMs: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const t0 = Math.min(...plan.launches.map((l) => Date.parse(l.epoch)));
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('finished', () => {
      el.dataset['drawn'] = 'true';
    });
    const rows = plan.launches.map((l, k) => `${k + 1} ${l.site} S${l.shell + 1}P${l.plane + 1}`);
    const days = (ms: number) => (ms - t0) / DAY_MS;
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      tooltip: { trigger: 'item' },
      grid: [
        { left: 110, right: 16, top: 8, height: '58%' },
        { left: 110, right: 16, bottom: 28, height: '22%' },
      ],
      xAxis: [
        { type: 'value', gridIndex: 0, min: 0, axisLabel: { show: false } },
        { type: 'value', gridIndex: 1, min: 0, name: 'days from the first launch', nameLocation: 'middle', nameGap: 20 },
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, data: rows, inverse: true, axisLabel: { fontSize: 9 } },
        { type: 'value', gridIndex: 1, name: 'in service', nameTextStyle: { fontSize: 9 } },
      ],
      series: [
        { name: 'until launch', type: 'bar', stack: 'g', xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: 'transparent' }, tooltip: { show: false }, data: plan.launches.map((l) => days(Date.parse(l.epoch))) },
        { name: 'drift', type: 'bar', stack: 'g', xAxisIndex: 0, yAxisIndex: 0, data: plan.launches.map((l) => ({ value: l.driftDays, itemStyle: { color: l.strategy === 'j2-drift' ? '#f4a261' : '#a8dadc' } })) },
        { name: 'raise', type: 'bar', stack: 'g', xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: '#3d5a80' }, data: plan.launches.map((l) => l.raiseDays) },
        { name: 'satellites in service', type: 'line', step: 'end', showSymbol: false, xAxisIndex: 1, yAxisIndex: 1, data: plan.timeline.map((p) => [days(Date.parse(p.epoch)), p.satellitesInService]) },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chartRef.current = null;
      chart.dispose();
    };
  }, [plan, t0]);
  useEffect(() => {
    const x = (clockMs - t0) / DAY_MS;
    chartRef.current?.setOption({ series: [{ name: 'satellites in service', markLine: { silent: true, symbol: 'none', lineStyle: { color: '#ff5252' }, data: [{ xAxis: x }] } }] });
  }, [clockMs, t0]);
  return <div ref={ref} className="campaign-chart" data-testid="campaign-chart" role="img" aria-label={`deployment campaign: ${plan.launchCount} launches`} />;
}
