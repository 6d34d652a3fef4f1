/**
 * The avoidance trade space (echarts): a heatmap of log10 Pc over execution time (x) × Δv (y), with the target-Pc
 * contour drawn as a line (per execution time, the Δv where Pc reaches the target). `data-drawn="true"` once drawn.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';
import { targetContour, tradeSpaceHeatmap, type TradeSpaceView } from './avoidance.ts';

export function TradeSpaceChart({ tradeSpace, targetPc }: { tradeSpace: TradeSpaceView; targetPc: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current!;
    const chart = echarts.init(el, 'dark', { renderer: 'canvas' });
    chart.on('finished', () => {
      el.dataset['drawn'] = 'true';
    });
    const h = tradeSpaceHeatmap(tradeSpace);
    const contour = targetContour(tradeSpace, targetPc);
    chart.setOption({
      backgroundColor: 'transparent',
      animation: false,
      grid: { left: 70, right: 90, top: 30, bottom: 60 },
      tooltip: { formatter: (p: { value: [number, number, number] }) => (Array.isArray(p.value) && p.value.length === 3 ? `${h.xLabels[p.value[0]]} · Δv ${h.yLabels[p.value[1]]} m/s · Pc 1e${p.value[2].toFixed(1)}` : '') },
      xAxis: { type: 'category', data: h.xLabels, name: 'execution (UTC)', nameLocation: 'middle', nameGap: 40 },
      yAxis: { type: 'category', data: h.yLabels, name: 'Δv (m/s)' },
      visualMap: { min: Math.floor(h.min), max: Math.ceil(h.max), calculable: true, orient: 'vertical', right: 0, top: 'center', text: ['log10 Pc', ''], textStyle: { color: '#c8d3dd' }, inRange: { color: ['#1b3a4b', '#3f7f6b', '#d9c341', '#e0602a', '#c0182a'] } },
      series: [
        { name: 'log10 Pc', type: 'heatmap', data: h.cells, progressive: 0 },
        { name: `Pc = ${targetPc.toExponential(0)}`, type: 'line', data: contour.map((c, i) => (c === null ? [i, null] : [i, c])), connectNulls: false, showSymbol: false, lineStyle: { color: '#ffffff', width: 2 }, z: 5 },
      ],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [tradeSpace, targetPc]);
  return <div ref={ref} className="trade-space" data-testid="trade-space" role="img" aria-label={`Trade space: ${tradeSpace.epochs.length} execution times × ${tradeSpace.dvMps.length} Δv values, Pc contour at ${targetPc}`} />;
}
