// Everything the harness starts or creates registers how to undo it here; `run` undoes it in reverse order,
// once, whether the test passed, failed, threw or was interrupted.
export class Cleanup {
  private readonly steps: Array<{ name: string; undo: () => Promise<void> | void }> = [];
  private running: Promise<void> | undefined;

  /** Registers an undo step; after `run` has started, a late registration (a start that finished late) runs at once. */
  defer(name: string, undo: () => Promise<void> | void): void {
    if (this.running) {
      void Promise.resolve()
        .then(undo)
        .catch(() => {});
      return;
    }
    this.steps.push({ name, undo });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.undo();
        } catch (error) {
          console.log(`cleanup: ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C or a CI timeout still stops the children and removes the temp dirs. */
  onSignals(exit: (code: number) => void): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`\n${signal}: cleaning up`);
        void this.run().then(() => exit(130));
      });
    }
  }
}
