import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// Only what the console draws (bars and lines), so the chart chunk stays small.
// Aria writes the chart's series and values into the box's aria-label: a canvas says nothing to a screen reader.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, AriaComponent, CanvasRenderer]);

/** Narrower than this (a phone), a category axis's labels run into each other unless turned. */
const NARROW = 480;

/**
 * The option as a narrow box draws it: category labels on the x axis turned and thinned out, and
 * a named y axis (万元) moved down from under the legend, which a narrow box wraps or widens.
 */
function fitted(option: EChartsCoreOption, width: number): EChartsCoreOption {
  if (width >= NARROW) return option;
  const turn = (axis: unknown) => {
    if (!axis || typeof axis !== 'object') return axis;
    const a = axis as { type?: string; axisLabel?: object };
    return a.type === 'category' ? { ...a, axisLabel: { rotate: 40, hideOverlap: true, ...a.axisLabel } } : axis;
  };
  const x: unknown = option['xAxis'];
  const y = option['yAxis'] as { name?: string } | undefined;
  const grid = option['grid'] as { top?: number } | undefined;
  const lower = y && !Array.isArray(y) && y.name && grid && typeof grid.top === 'number' ? { grid: { ...grid, top: grid.top + 20 } } : {};
  return { ...option, ...lower, xAxis: Array.isArray(x) ? x.map(turn) : turn(x) };
}

/** One ECharts chart, resized with its box; `onClick` gets the clicked category's name. */
export function EChart({ option, height = 300, onClick, testId }: { option: EChartsCoreOption; height?: number; onClick?: (name: string) => void; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const c = echarts.init(box.current);
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, ...fitted(option, box.current?.clientWidth ?? NARROW) }, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return undefined;
    const handler = (p: { name?: string }) => {
      if (p.name) onClick(p.name);
    };
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onClick]);
  return <div ref={box} role="img" style={{ width: '100%', height }} data-testid={testId} />;
}
