// Outcomes waiting for their time: each scenario delays its labels by a fixed time, so one FIFO per delay is
// already in due order.
export interface PendingLabel {
  id: string;
  actual: 'yes' | 'no';
  dueAt: number;
}

export class LabelQueue {
  private readonly queues = new Map<number, PendingLabel[]>();

  add(delayMs: number, label: Omit<PendingLabel, 'dueAt'>, now: number): void {
    let queue = this.queues.get(delayMs);
    if (!queue) this.queues.set(delayMs, (queue = []));
    queue.push({ ...label, dueAt: now + delayMs });
  }

  /** Removes and returns every label due by `now`. */
  due(now: number): PendingLabel[] {
    const out: PendingLabel[] = [];
    for (const queue of this.queues.values()) {
      let n = 0;
      while (n < queue.length && queue[n]!.dueAt <= now) n++;
      if (n > 0) out.push(...queue.splice(0, n));
    }
    return out;
  }

  get size(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }
}
