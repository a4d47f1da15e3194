/**
 * Predictions waiting for their outcome, in a fixed ring of typed arrays: memory is allocated once
 * (capacity × (16 + 4·attributes) bytes plus the id map), the oldest entry is evicted when the ring is
 * full, and entries older than the TTL expire as the ring is swept. Insertion order is time order, so
 * both happen at the tail in amortised O(1).
 */
export class PendingStore {
  private readonly ids: (string | undefined)[];
  private readonly slots = new Map<string, number>();
  /** Predicted class index (classification) or predicted value (regression). */
  readonly prediction: Float64Array;
  readonly score: Float64Array;
  /** Attribute value indices: slot·width + j. */
  readonly attributes: Int32Array;
  private readonly time: Float64Array;
  private head = 0;
  private tail = 0;
  private window = 0;
  evicted = 0;
  expired = 0;

  constructor(
    readonly capacity: number,
    readonly width: number,
    private readonly ttlMs: number,
  ) {
    this.ids = new Array<string | undefined>(capacity);
    this.prediction = new Float64Array(capacity);
    this.score = new Float64Array(capacity);
    this.attributes = new Int32Array(capacity * Math.max(width, 1));
    this.time = new Float64Array(capacity);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Reserves a slot for a new prediction and returns it; the caller fills prediction, score and attributes. */
  put(id: string, now: number): number {
    const previous = this.slots.get(id);
    if (previous !== undefined) {
      this.slots.delete(id);
      this.ids[previous] = undefined;
    }
    this.sweep(now);
    if (this.window === this.capacity) {
      const oldest = this.ids[this.tail];
      if (oldest !== undefined) {
        this.slots.delete(oldest);
        this.ids[this.tail] = undefined;
        this.evicted++;
      }
      this.tail = (this.tail + 1) % this.capacity;
      this.window--;
    }
    const slot = this.head;
    this.ids[slot] = id;
    this.time[slot] = now;
    this.slots.set(id, slot);
    this.head = (this.head + 1) % this.capacity;
    this.window++;
    return slot;
  }

  /** Removes and returns the slot of an id: -1 when unknown, -2 when it had expired. */
  take(id: string, now: number): number {
    const slot = this.slots.get(id);
    if (slot === undefined) return -1;
    this.slots.delete(id);
    this.ids[slot] = undefined;
    if (now - this.time[slot]! > this.ttlMs) {
      this.expired++;
      return -2;
    }
    return slot;
  }

  /** Expires entries past the TTL from the old end. */
  sweep(now: number): void {
    while (this.window > 0) {
      const id = this.ids[this.tail];
      if (id !== undefined) {
        if (now - this.time[this.tail]! <= this.ttlMs) return;
        this.slots.delete(id);
        this.ids[this.tail] = undefined;
        this.expired++;
      }
      this.tail = (this.tail + 1) % this.capacity;
      this.window--;
    }
  }
}
