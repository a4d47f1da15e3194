import type { TopLevelSpec } from 'vega-lite';

/** A chart of the report: its Vega-Lite spec and where it goes. */
export interface ChartSpec {
  id: string;
  title: string;
  spec: TopLevelSpec;
}

// One look for every chart; fonts the reader's system has, so the page asks for nothing from outside.
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ccc' },
  axis: { labelFontSize: 11, titleFontSize: 11 },
  legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 },
  title: { fontSize: 13, anchor: 'start' as const },
};

/** Vega-Lite compiled to Vega and drawn as SVG in Node by Vega's own renderer: no browser, no canvas, no scripts. */
export async function renderCharts(charts: readonly ChartSpec[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (charts.length === 0) return out;
  // Loaded only when a report is drawn: both packages are ESM-only and large, and no other command needs them.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  for (const chart of charts) {
    const spec = { ...chart.spec, config: { ...CONFIG, ...(chart.spec.config ?? {}) } } as TopLevelSpec;
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
    try {
      out.set(chart.id, await view.toSVG());
    } finally {
      view.finalize();
    }
  }
  return out;
}
