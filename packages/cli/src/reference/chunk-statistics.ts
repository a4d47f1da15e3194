import {
  ChunkStatisticsCollector,
  chunkRows,
  type ChunkPlan,
  type ChunkValues,
  type ReferenceChunks,
  type ReferenceProfile,
} from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { cellAt } from '../data/cell-text.js';
import { openTable } from '../data/open-table.js';
import type { InputFormat } from '../data/table-source.js';
import { CategoricalSink, NumericSink } from '../data/dataset.js';

/** The plan of `--chunks` / `--chunk-size`, with the flag named in its one-line error. */
export function chunkPlanOf(flags: { chunks?: number; chunkSize?: number }): ChunkPlan | null {
  if (flags.chunks !== undefined && flags.chunkSize !== undefined)
    throw new InputError('--chunks and --chunk-size both cut the reference into chunks: give one of them');
  if (flags.chunks !== undefined) return { by: 'count', count: flags.chunks };
  if (flags.chunkSize !== undefined) return { by: 'size', size: flags.chunkSize };
  return null;
}

type Sink = NumericSink | CategoricalSink;

function chunkValues(sinks: ReadonlyMap<string, Sink>): Map<string, ChunkValues> {
  const out = new Map<string, ChunkValues>();
  for (const [name, sink] of sinks) {
    out.set(
      name,
      sink instanceof NumericSink
        ? { type: 'numeric', values: sink.numbers.view(), missing: sink.missing }
        : { type: 'categorical', counts: sink.counts, missing: sink.missing }
    );
  }
  return out;
}

/**
 * A second pass over the reference CSV, one chunk of consecutive rows at a time: memory holds one chunk, and the
 * column types are the profile's, so every chunk is read the way the whole reference was summarised.
 */
export async function referenceChunksOf(
  file: string,
  profile: ReferenceProfile,
  plan: ChunkPlan,
  bins: number,
  format?: InputFormat
): Promise<ReferenceChunks> {
  let sizes: number[];
  try {
    sizes = chunkRows(profile.source.rows, plan);
  } catch (e) {
    const flag = plan.by === 'count' ? '--chunks' : '--chunk-size';
    throw new InputError(`${file}: ${flag}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const source = await openTable(file, format);
  const names = Object.keys(profile.columns);
  const collector = new ChunkStatisticsCollector(profile, bins);
  const fresh = (): Map<string, Sink> =>
    new Map(
      names.map((n) => [n, profile.columns[n]!.type === 'numeric' ? new NumericSink() : new CategoricalSink()] as const)
    );
  let chunk = 0;
  let inChunk = 0;
  let sinks = fresh();
  const sinkList = (): Sink[] => names.map((n) => sinks.get(n)!);
  let list = sinkList();
  for await (const batch of source.batches(names)) {
    for (let row = 0; row < batch.rows; row++) {
      for (let i = 0; i < names.length; i++) list[i]!.add(cellAt(batch.columns[i]!, row));
      if (++inChunk === sizes[chunk]) {
        collector.addChunk(inChunk, chunkValues(sinks));
        chunk++;
        inChunk = 0;
        sinks = fresh();
        list = sinkList();
      }
    }
  }
  if (chunk !== sizes.length)
    throw new InputError(`${file}: changed while it was read (${profile.source.rows} rows when profiled)`);
  return collector.result(plan);
}
