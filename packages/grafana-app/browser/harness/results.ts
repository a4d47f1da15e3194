// The tally of the browser test: each check passes or fails on its own, failures are listed at the end.
export class Results {
  private passed = 0;
  private readonly failed: string[] = [];

  /** Runs one check; an exception (an assertion or anything else) fails it with its first line. */
  async check(name: string, body: () => Promise<void> | void): Promise<void> {
    const started = Date.now();
    try {
      await body();
      this.passed++;
      console.log(`  ok    ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.failed.push(`${name}: ${message}`);
      console.log(`  FAIL  ${name}\n        ${message.split('\n').join('\n        ')}`);
    }
  }

  /** A failure found outside any check (a page error, a failed request, a crash of the harness itself). */
  fail(name: string, message: string): void {
    this.failed.push(`${name}: ${message}`);
    console.log(`  FAIL  ${name}\n        ${message}`);
  }

  get ok(): boolean {
    return this.failed.length === 0;
  }

  summary(): string {
    const lines = this.failed.map((f) => `FAIL ${f.split('\n')[0]}`);
    return [...lines, `${this.passed} passed, ${this.failed.length} failed`].join('\n');
  }
}
