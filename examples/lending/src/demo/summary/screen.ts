// Writes the demo's output: events as lines that stay, and a status that a terminal redraws in place
// (without a terminal, a status line now and then, so logs stay readable).
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export class Screen {
  private drawn = 0;
  private lastPlain = 0;

  constructor(
    private readonly out: Output,
    readonly tty: boolean,
    private readonly plainEveryMs = 10_000
  ) {}

  /** A line that stays: a phase, an alert that fired or resolved. */
  event(line: string): void {
    this.erase();
    this.out.write(`${line}\n`);
  }

  /** The live status: redrawn on a terminal; otherwise printed as one line at most every `plainEveryMs`. */
  status(block: readonly string[], line: string, now = Date.now()): void {
    if (!this.tty) {
      if (now - this.lastPlain >= this.plainEveryMs) {
        this.lastPlain = now;
        this.out.write(`${line}\n`);
      }
      return;
    }
    this.erase();
    const width = Math.max(40, (this.out.columns ?? 120) - 1);
    // A wrapped line would break the count of lines to move up, so each is cut to the terminal's width.
    const lines = block.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
    this.out.write(`${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }

  /** Leaves the last status on screen and moves on. */
  settle(): void {
    this.drawn = 0;
  }

  private erase(): void {
    if (!this.tty || this.drawn === 0) return;
    this.out.write(`\x1b[${this.drawn}F\x1b[0J`);
    this.drawn = 0;
  }
}
