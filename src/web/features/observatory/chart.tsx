// One ECharts chart, importing only the parts used (bar, line, grid, tooltip, legend, aria; SVG).
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { Dataset } from '../../../shared/observatory.js';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** Categories × series from the dataset's rows (values summed when several rows share a cell). */
export function chartSeries(dataset: Dataset) {
  const spec = dataset.chart;
  if (!spec) return null;
  const categories: string[] = [];
  const seriesNames: string[] = [];
  const cells = new Map<string, number>();
  for (const row of dataset.rows) {
    const category = String(row[spec.category] ?? '');
    const series = spec.series
      ? String(row[spec.series] ?? '')
      : (dataset.columns.find((c) => c.key === spec.value)?.label ?? '');
    if (!categories.includes(category)) categories.push(category);
    if (!seriesNames.includes(series)) seriesNames.push(series);
    const value = Number(row[spec.value] ?? 0);
    const key = `${category}\u0000${series}`;
    cells.set(key, (cells.get(key) ?? 0) + value);
  }
  const euro = dataset.columns.find((c) => c.key === spec.value)?.kind === 'euro';
  return {
    categories,
    series: seriesNames.map((name) => ({
      name,
      data: categories.map((c) => {
        const v = cells.get(`${c}\u0000${name}`) ?? 0;
        return euro ? v / 100 : v;
      }),
    })),
  };
}

export function Chart({ dataset }: { readonly dataset: Dataset }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const data = chartSeries(dataset);
    if (!ref.current || !data || !dataset.chart) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true, decal: { show: true } },
      tooltip: { trigger: 'axis' },
      legend: { show: data.series.length > 1, type: 'scroll', bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: data.series.length > 1 ? 48 : 24, containLabel: true },
      xAxis: { type: 'category', data: data.categories, axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: { type: 'value' },
      series: data.series.map((s) => ({
        ...s,
        type: dataset.chart?.type ?? 'bar',
        stack: dataset.chart?.type === 'bar' ? 'tot' : undefined,
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [dataset]);
  if (!dataset.chart || dataset.rows.length === 0) return null;
  // The table below carries the same figures: the chart is a picture of it.
  return (
    <div
      ref={ref}
      className="observatory-chart"
      style={{ height: 300 }}
      aria-hidden="true"
      data-testid="observatory-chart"
    />
  );
}
