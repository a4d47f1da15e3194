import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
};

/** `--max-memory` without the flag: exact statistics up to this size of the whole process. */
export const DEFAULT_MAX_MEMORY = 2 * 1024 ** 3;

/**
 * What the process needs besides the exact numeric columns, whatever the row count: Node itself, the parser, the
 * reference profile and the row-independent summaries. Measured peak RSS in streaming mode stays under it for
 * 20 columns (see the streaming bench), so a budget above it bounds the whole process.
 */
export const ROW_INDEPENDENT_RESERVE = 160 * 1024 ** 2;

/**
 * Bytes an exact numeric value costs at its peak: 8 in its buffer and, while the buffer doubles, 16 more for the new
 * copy before the old one is collected (every column doubles on the same row). The largest column is also copied,
 * sorted and grouped (48 bytes a value) while its statistics are computed.
 */
export const EXACT_BYTES_PER_VALUE = 24;
export const EXACT_SORT_BYTES_PER_VALUE = 48;

/** Parses a size such as `512MiB`, `2GiB`, `1.5GB` or a number of bytes; commander turns a throw into one line. */
export function memorySize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const factor = match ? UNITS[(match[2] || 'b').toLowerCase()] : undefined;
  const bytes = match && factor !== undefined ? Number(match[1]) * factor : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new InvalidArgumentError(
      `'${text}' is not a memory size (write e.g. 512MiB or 2GiB; units B, KB, MB, GB, KiB, MiB, GiB).`
    );
  }
  return Math.floor(bytes);
}

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/** Anything that holds whole numeric columns and can fold them into a bounded summary. */
export interface Foldable {
  fold(): void;
}

/**
 * The memory the exact numeric columns of one read may take. While their projected exact cost fits, they stay
 * exact; the first value over it folds every registered column into its summary, after which nothing grows with
 * the rows. The row count of a CSV is not known in advance, so the projection is the cost so far.
 */
export class MemoryBudget {
  /** Bytes the exact columns may reach: the whole budget less the row-independent reserve. */
  readonly exactLimit: number;
  private values = 0;
  private readonly members: Foldable[] = [];
  /** Data row at which the columns were folded (0: from the start), null while exact. */
  foldedAtRow: number | null = null;

  constructor(readonly maxMemory: number) {
    this.exactLimit = maxMemory - ROW_INDEPENDENT_RESERVE;
    // A budget the reserve alone fills leaves nothing for exact columns: they stream from the first value.
    if (this.exactLimit <= 0) this.foldedAtRow = 0;
  }

  get streaming(): boolean {
    return this.foldedAtRow !== null;
  }

  /** Registers a column to fold when the budget runs out. */
  register(member: Foldable): void {
    this.members.push(member);
    if (this.streaming) member.fold();
  }

  /**
   * Counts one more exact value of a column now holding `columnValues`, read on data row `row`; folds every column
   * when the projection goes over the budget. True when the columns are (now) folded.
   */
  charge(columnValues: number, row: number): boolean {
    this.values++;
    if (this.values * EXACT_BYTES_PER_VALUE + columnValues * EXACT_SORT_BYTES_PER_VALUE <= this.exactLimit)
      return false;
    this.foldedAtRow = row;
    for (const member of this.members) member.fold();
    return true;
  }
}
