/** A reference needs at least this many chunks for a standard deviation to mean anything. */
export const MIN_CHUNKS = 2;

/** How to cut a reference: into `count` chunks, or into chunks of `size` rows. */
export type ChunkPlan = { by: 'count'; count: number } | { by: 'size'; size: number };

/**
 * Rows per chunk of consecutive rows. Like NannyML's count- and size-based chunkers, full chunks hold
 * floor(rows / count) or `size` rows; unlike their default ('keep', a last short chunk), the rows left over are
 * appended to the last chunk (NannyML's incomplete='append'), because a short chunk's statistic is noisier than
 * the others and would inflate the spread the levels are learned from.
 */
export function chunkRows(rows: number, plan: ChunkPlan): number[] {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a whole number >= 0, got ${rows}`);
  const size = plan.by === 'count' ? Math.floor(rows / plan.count) : plan.size;
  const full = plan.by === 'count' ? plan.count : Math.floor(rows / plan.size);
  if (!Number.isInteger(plan.by === 'count' ? plan.count : plan.size) || size < 1 || full < MIN_CHUNKS) {
    const asked = plan.by === 'count' ? `${plan.count} chunks` : `chunks of ${plan.size} rows`;
    throw new RangeError(
      `${rows} rows cannot be cut into ${asked}: at least ${MIN_CHUNKS} chunks of one row or more are needed`
    );
  }
  const out = new Array<number>(full).fill(size);
  out[full - 1]! += rows - full * size;
  return out;
}
