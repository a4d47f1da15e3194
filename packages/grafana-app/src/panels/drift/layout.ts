/** Where the selected feature's bins go, given the panel's size. */
export type BinsPlacement = 'none' | 'side' | 'below' | 'instead';

export interface DriftLayout {
  bins: BinsPlacement;
  heatmap: { width: number; height: number };
  binsBox: { width: number; height: number };
  labelWidth: number;
  latestWidth: number;
  /** How many columns fit: merged columns are at least MIN_CELL_WIDTH wide. */
  maxColumns: number;
  rowHeight: number;
  showTimeAxis: boolean;
  compactLegend: boolean;
}

export const HEADER_HEIGHT = 22;
const AXIS_HEIGHT = 16;
const MIN_CELL_WIDTH = 4;
const MIN_ROW_HEIGHT = 14;
const MAX_ROW_HEIGHT = 28;
const PADDING = 8;

interface Wanted {
  rows: number;
  binsOpen: boolean;
  showLatest: boolean;
  showTimeAxis: boolean;
}

/**
 * Sizes for every part. Wide panels put the bins beside the heatmap, tall ones below it; small ones show the
 * bins instead of the heatmap (with a way back), so neither is squeezed below readability.
 */
export function driftLayout(width: number, height: number, wanted: Wanted): DriftLayout {
  const innerWidth = Math.max(0, width - 2 * PADDING);
  const innerHeight = Math.max(0, height - 2 * PADDING - HEADER_HEIGHT);
  let bins: BinsPlacement = 'none';
  if (wanted.binsOpen) {
    bins = width >= 640 ? 'side' : height >= 360 ? 'below' : 'instead';
  }
  const heatmap = {
    width: bins === 'side' ? Math.floor(innerWidth * 0.55) : innerWidth,
    height: bins === 'below' ? Math.floor(innerHeight * 0.5) : innerHeight,
  };
  const binsBox = {
    width: bins === 'side' ? innerWidth - heatmap.width - PADDING : innerWidth,
    height: bins === 'below' ? innerHeight - heatmap.height - PADDING : innerHeight,
  };
  const labelWidth = Math.round(Math.min(160, Math.max(56, heatmap.width * 0.28)));
  const latestWidth = wanted.showLatest && heatmap.width >= 360 ? 52 : 0;
  const showTimeAxis = wanted.showTimeAxis && heatmap.height >= 80;
  const gridHeight = heatmap.height - (showTimeAxis ? AXIS_HEIGHT : 0);
  const rowHeight = Math.min(
    MAX_ROW_HEIGHT,
    Math.max(MIN_ROW_HEIGHT, Math.floor(gridHeight / Math.max(1, wanted.rows)))
  );
  return {
    bins,
    heatmap,
    binsBox,
    labelWidth,
    latestWidth,
    maxColumns: Math.max(1, Math.floor((heatmap.width - labelWidth - latestWidth) / MIN_CELL_WIDTH)),
    rowHeight,
    showTimeAxis,
    compactLegend: width < 420,
  };
}
