import { driftLayout } from './layout';

const wanted = { rows: 8, binsOpen: false, showLatest: true, showTimeAxis: true };

test('a small panel (300×200): every part fits inside, bins replace the heatmap when open', () => {
  const closed = driftLayout(300, 200, wanted);
  // 300 − 2·8 padding = 284 wide; 200 − 16 − 22 header = 162 high.
  expect(closed.heatmap).toEqual({ width: 284, height: 162 });
  expect(closed.latestWidth).toBe(0);
  // Label 28% of 284 = 79.52 → 80; (284 − 80) / 4 = 51 columns at least 4 px wide.
  expect(closed.labelWidth).toBe(80);
  expect(closed.maxColumns).toBe(51);
  // (162 − 16 axis) / 8 rows = 18.25 → 18 px rows: 8 rows + axis = 160 ≤ 162.
  expect(closed.rowHeight).toBe(18);
  expect(closed.compactLegend).toBe(true);
  const open = driftLayout(300, 200, { ...wanted, binsOpen: true });
  expect(open.bins).toBe('instead');
  expect(open.binsBox).toEqual({ width: 284, height: 162 });
});

test('wide panels put the bins beside the heatmap, tall ones below it', () => {
  const side = driftLayout(1000, 300, { ...wanted, binsOpen: true });
  expect(side.bins).toBe('side');
  // 984 inner: 55% → 541 for the heatmap, 984 − 541 − 8 gap = 435 for the bins.
  expect(side.heatmap.width + side.binsBox.width + 8).toBe(984);
  expect(side.heatmap.width).toBe(541);
  const below = driftLayout(500, 600, { ...wanted, binsOpen: true });
  expect(below.bins).toBe('below');
  // 600 − 16 − 22 = 562 high: half (281) for the heatmap, the rest less an 8 px gap (273) for the bins.
  expect(below.heatmap.height).toBe(281);
  expect(below.binsBox.height).toBe(273);
});

test('rows are between 14 and 28 px high; too many rows scroll rather than shrink', () => {
  expect(driftLayout(600, 800, { ...wanted, rows: 2 }).rowHeight).toBe(28);
  expect(driftLayout(600, 200, { ...wanted, rows: 50 }).rowHeight).toBe(14);
});

test('a very short panel drops the time axis', () => {
  expect(driftLayout(400, 100, wanted).showTimeAxis).toBe(false);
  expect(driftLayout(400, 200, { ...wanted, showTimeAxis: false }).showTimeAxis).toBe(false);
});
