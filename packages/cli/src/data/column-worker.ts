import { parentPort } from 'node:worker_threads';
import { EmpiricalDistribution, numericDrift, referenceDistribution } from '@modelwatch/stats';
import { InputError } from '../errors.js';
import { CategoricalSink, NumericSink, feed, type CellSink } from './dataset.js';
import { openCsv } from './csv-source.js';
import { openParquet } from './parquet-source.js';
import type { ColumnsTask, ColumnsResult, SummarisedColumn } from './parallel-read.js';

/**
 * The second thread of a parallel read: reads its share of the drift columns from the same file and returns each
 * column's counts and numeric drift, computed by the same functions the main thread uses, so the report is the
 * same whichever thread read a column.
 */
async function summarise(task: ColumnsTask): Promise<SummarisedColumn[]> {
  // Only the two formats read in parallel: loading the Arrow reader would cost the thread a tenth of a second.
  const source = task.format === 'parquet' ? await openParquet(task.file) : await openCsv(task.file);
  const sinks: (NumericSink | CategoricalSink)[] = task.columns.map((c) =>
    c.kind === 'numeric' ? new NumericSink() : new CategoricalSink()
  );
  for await (const batch of source.batches(
    task.columns.map((c) => c.name),
    { nullAsNaN: true }
  )) {
    batch.columns.forEach((column, k) => feed(sinks[k] as CellSink, column));
  }
  return task.columns.map((c, k): SummarisedColumn => {
    const sink = sinks[k]!;
    if (sink instanceof CategoricalSink)
      return { kind: 'categorical', name: c.name, rows: sink.rows, missing: sink.missing, counts: [...sink.counts] };
    const values = sink.numbers.view();
    const drift =
      values.length === 0 || c.reference === undefined
        ? null
        : numericDrift(referenceDistribution(c.reference), EmpiricalDistribution.fromValues(values), {
            bins: task.bins,
          });
    return { kind: 'numeric', name: c.name, rows: sink.rows, missing: sink.missing, invalid: sink.invalid, drift };
  });
}

// The thread may be started before its task is known, so that loading its modules overlaps the main thread's work.
const port = parentPort!;
port.once('message', (task: ColumnsTask) =>
  summarise(task).then(
    (columns) => port.postMessage({ ok: true, columns } satisfies ColumnsResult),
    (e: unknown) =>
      port.postMessage({
        ok: false,
        input: e instanceof InputError,
        message: e instanceof Error ? e.message : String(e),
      } satisfies ColumnsResult)
  )
);
