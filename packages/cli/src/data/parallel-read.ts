import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ColumnProfile, NumericColumnProfile, NumericDrift } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import {
  CategoricalSink,
  readDataset,
  SummarisedNumericColumn,
  type ColumnData,
  type Dataset,
  type DatasetPlan,
} from './dataset.js';
import { EXACT_BYTES_PER_VALUE, EXACT_SORT_BYTES_PER_VALUE, type MemoryBudget } from './memory-budget.js';
import type { InputFormat, TableSource } from './table-source.js';

/**
 * Below this many rows a second thread costs more to start (about 0.35 s of CPU to load the readers and statistics)
 * than it saves. MODELWATCH_PARALLEL_MIN_ROWS overrides it (0: always, for tests of the parallel path; Infinity:
 * never).
 */
export const PARALLEL_MIN_ROWS = 200_000;

/** What the second thread reads: its share of the drift columns, with the reference each numeric one is judged by. */
export interface ColumnsTask {
  file: string;
  format: 'csv' | 'parquet';
  bins: number;
  columns: { name: string; kind: 'numeric' | 'categorical'; reference?: NumericColumnProfile }[];
}

export type SummarisedColumn =
  | { kind: 'numeric'; name: string; rows: number; missing: number; invalid: number; drift: NumericDrift | null }
  | { kind: 'categorical'; name: string; rows: number; missing: number; counts: [string, number][] };

export type ColumnsResult = { ok: true; columns: SummarisedColumn[] } | { ok: false; input: boolean; message: string };

export interface ParallelOptions {
  /** The reference profile's columns: the second thread judges its numeric columns against them. */
  references: Readonly<Record<string, ColumnProfile>>;
  bins: number;
  budget: MemoryBudget;
  /** A worker started early (startEarly), used or stopped here. */
  worker?: ColumnWorker | null;
}

function minRows(): number {
  const given = process.env.MODELWATCH_PARALLEL_MIN_ROWS;
  const n = given === undefined || given.trim() === '' ? Number.NaN : Number(given);
  return Number.isNaN(n) ? PARALLEL_MIN_ROWS : n;
}

/**
 * At most the number of data rows of a CSV: its line breaks plus one (a quoted line break only adds breaks). One
 * pass over bytes the read is about to need anyway, so they are in the page cache afterwards.
 */
async function csvRowsAtMost(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let breaks = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return breaks + 1;
      const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) breaks++;
    }
  } finally {
    await handle.close();
  }
}

/** Relative cost of reading and judging a column, measured on the input bench: a numeric column is sorted. */
const COST = { numeric: 3, categorical: 1 } as const;
// The main thread also reads the row-aligned columns (label, score, prediction, groups) and computes performance
// and fairness from them; per row-aligned column that weighs about as much as a numeric drift column on Parquet and
// two on CSV (where the main thread also turns their cells into numbers and labels). The worker's own start (about
// 0.35 s of CPU) overlaps the main thread's loading of the command and the reference. Measured on the input bench
// (16 numeric and 4 categorical features, score, label, one protected attribute): these weights give both threads
// about the same CPU time.
const ROW_ALIGNED_COST = { parquet: 4, csv: 6 } as const;

/** The drift columns the second thread takes: from the end of the plan, until it has about half of the work. */
function workerShare(
  source: TableSource,
  plan: DatasetPlan,
  references: ParallelOptions['references']
): ColumnsTask['columns'] {
  const header = new Set(source.header);
  const drift = [...plan.columns].filter(
    (entry): entry is [string, 'numeric' | 'categorical'] =>
      header.has(entry[0]) && (entry[1] === 'numeric' || entry[1] === 'categorical')
  );
  const rowAligned = [plan.label, plan.score, plan.prediction, ...plan.protected].filter(
    (c) => c !== null && header.has(c)
  ).length;
  let total = rowAligned * ROW_ALIGNED_COST[source.format === 'parquet' ? 'parquet' : 'csv'];
  for (const [, kind] of drift) total += COST[kind];
  const share: ColumnsTask['columns'] = [];
  let taken = 0;
  for (let i = drift.length - 1; i >= 0 && 2 * (taken + COST[drift[i]![1]]) <= total + COST.numeric; i--) {
    const [name, kind] = drift[i]!;
    const reference = references[name];
    share.unshift(kind === 'numeric' && reference?.type === 'numeric' ? { name, kind, reference } : { name, kind });
    taken += COST[kind];
  }
  return share;
}

/**
 * The second reading thread. It can be started before its task is known (it then loads its modules while the main
 * thread reads the reference); while it has no task it does not keep the process alive, and any way it ends
 * without a result is one line naming the file.
 */
export class ColumnWorker {
  private readonly worker = new Worker(new URL('./column-worker.js', import.meta.url));
  private settled = false;
  private started = false;
  private resolve: (columns: SummarisedColumn[]) => void = () => undefined;
  private reject: (e: Error) => void = () => undefined;
  readonly result = new Promise<SummarisedColumn[]>((resolve, reject) => {
    this.resolve = resolve;
    this.reject = reject;
  });

  constructor(private readonly file: string) {
    this.worker.unref();
    // A result nobody awaits (the thread was stopped) is no unhandled rejection.
    this.result.catch(() => undefined);
    this.worker.once('message', (m: ColumnsResult) => {
      if (m.ok) this.settle(m.columns);
      else this.fail(m.input ? new InputError(m.message) : new Error(m.message));
    });
    this.worker.once('error', (e) =>
      this.fail(new InputError(`${this.file}: the second reading thread failed (${e.message.split('\n')[0]})`))
    );
    this.worker.once('exit', (code) =>
      this.fail(new InputError(`${this.file}: the second reading thread stopped with code ${code} before it finished`))
    );
  }

  /** Gives the thread its task (once); the result resolves with its columns. */
  run(task: ColumnsTask): Promise<SummarisedColumn[]> {
    if (this.started) throw new Error('a column worker runs one task');
    this.started = true;
    this.worker.ref();
    this.worker.postMessage(task);
    return this.result;
  }

  /** Ends the thread; a result not yet given is dropped. Safe to call more than once. */
  stop(): void {
    this.fail(new Error('stopped'));
    void this.worker.terminate();
  }

  private settle(columns: SummarisedColumn[]): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(columns);
  }

  private fail(e: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(e);
  }
}

// A file smaller than this has too few rows for a second thread to pay (a row of the input bench is 150 bytes).
const EARLY_START_BYTES = 16 << 20;

/**
 * A worker started now for a current data file that will likely be read on two threads, else null. The caller
 * passes it to readDatasetInParallel, which uses or stops it, and stops it itself if it never gets there.
 */
export function startEarly(file: string, format: InputFormat): ColumnWorker | null {
  if (format === 'arrow' || availableParallelism() < 2 || minRows() === Infinity) return null;
  let size;
  try {
    size = statSync(file).size;
  } catch {
    return null; // the read reports the problem in its own words
  }
  return size >= EARLY_START_BYTES ? new ColumnWorker(file) : null;
}

/**
 * readDataset on two cores when the data is large enough to pay for a second thread and the memory budget keeps
 * every column exact: a worker thread reads about half of the drift columns from the same file and returns their
 * counts and drift, the main thread reads the rest and the row-aligned columns. Each column is read and judged by
 * the same code as on one thread, so the report is identical. Otherwise (small data, one core, Arrow, a budget
 * that may fold columns into summaries) it is readDataset.
 */
export async function readDatasetInParallel(
  source: TableSource,
  plan: DatasetPlan,
  options: ParallelOptions
): Promise<Dataset> {
  const early = options.worker ?? null;
  const alone = (): Promise<Dataset> => {
    early?.stop();
    return readDataset(source, plan);
  };
  if (source.format === 'arrow' || availableParallelism() < 2 || options.budget.streaming) return alone();
  const rowsAtMost = source.rowCount ?? (await csvRowsAtMost(source.file));
  if (rowsAtMost < minRows()) return alone();
  const header = new Set(source.header);
  let numeric = 0;
  for (const [name, kind] of plan.columns) if (kind === 'numeric' && header.has(name)) numeric++;
  // Both threads may sort a column at once; the budget's projection counts one.
  const exactBytes = rowsAtMost * (numeric * EXACT_BYTES_PER_VALUE + 2 * EXACT_SORT_BYTES_PER_VALUE);
  if (exactBytes > options.budget.exactLimit) return alone();
  const share = workerShare(source, plan, options.references);
  if (share.length === 0) return alone();

  const task: ColumnsTask = {
    file: source.file,
    format: source.format === 'parquet' ? 'parquet' : 'csv',
    bins: options.bins,
    columns: share,
  };
  const worker = early ?? new ColumnWorker(source.file);
  const result = worker.run(task);
  const taken = new Set(share.map((c) => c.name));
  let dataset: Dataset;
  try {
    dataset = await readDataset(source, {
      ...plan,
      columns: new Map([...plan.columns].filter(([name]) => !taken.has(name))),
    });
  } catch (e) {
    worker.stop();
    throw e;
  }
  const summarised = new Map((await result).map((c) => [c.name, c] as const));
  const columns = new Map<string, ColumnData>();
  for (const name of plan.columns.keys()) {
    const mine = dataset.columns.get(name);
    if (mine) columns.set(name, mine);
    const theirs = summarised.get(name);
    if (theirs?.kind === 'numeric')
      columns.set(name, new SummarisedNumericColumn(theirs.rows, theirs.missing, theirs.invalid, theirs.drift));
    else if (theirs) columns.set(name, CategoricalSink.of(theirs.rows, theirs.missing, theirs.counts));
  }
  return { ...dataset, columns };
}
