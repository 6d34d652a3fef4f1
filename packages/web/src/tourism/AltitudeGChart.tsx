/** Altitude and sensed g against seconds from liftoff (echarts, Kármán line marked): the one profile chart of the Tourism tab. */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** Chart series as [s from liftoff, value] pairs; `gx` (the +Gx component) is drawn dashed when given. */
export interface AltitudeGSeries {
  readonly altitude: readonly (readonly [number, number])[];
  readonly g: readonly (readonly [number, number])[];
  readonly gx?: readonly (readonly [number, number])[];
}

export function AltitudeGChart({ series, testId, label }: { series: AltitudeGSeries; testId: string; label: string }) {
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
      grid: { left: 56, right: 56, top: 30, bottom: 40 },
      legend: { data: series.gx !== undefined ? ['altitude', '|g|', '+Gx'] : ['altitude', '|g|'], top: 0, textStyle: { color: '#c8d3dd' } },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', name: 's from liftoff', nameLocation: 'middle', nameGap: 26 },
      yAxis: [
        { type: 'value', name: 'km' },
        { type: 'value', name: 'g', splitLine: { show: false } },
      ],
      series: [
        { name: 'altitude', type: 'line', yAxisIndex: 0, showSymbol: false, data: series.altitude, markLine: { silent: true, symbol: 'none', data: [{ yAxis: 100, name: 'Kármán' }] } },
        { name: '|g|', type: 'line', yAxisIndex: 1, showSymbol: false, data: series.g },
        ...(series.gx !== undefined ? [{ name: '+Gx', type: 'line', yAxisIndex: 1, showSymbol: false, lineStyle: { type: 'dashed' }, data: series.gx }] : []),
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [series]);
  return <div ref={ref} className="pc-history" data-testid={testId} role="img" aria-label={label} />;
}
