const INITIAL_CAPACITY = 1024;

/**
 * Predictions waiting for their outcome, in a ring of typed arrays. Every entry gets a sequence number and
 * lives in slot seq mod capacity, so an id that encodes its number (the monitor's generated ids) is found
 * without a map; only ids chosen by the service go through one. The ring starts small and doubles up to
 * `maxCapacity`; past that the oldest entry is evicted. Entries older than the TTL expire as the ring is
 * swept. Insertion order is time order, so eviction and expiry both happen at the old end in O(1).
 */
export class PendingStore {
  private capacity: number;
  /** Sequence number of the live entry in each slot, or -1. */
  private seqOf: Float64Array;
  private time: Float64Array;
  /** Predicted class index (classification) or predicted value (regression). */
  prediction: Float64Array;
  score: Float64Array;
  /** Attribute value indices: slot·width + j. */
  attributes: Int32Array;
  /** The service's own id of an entry, when it gave one. */
  private userIds: (string | undefined)[];
  private readonly byUserId = new Map<string, number>();
  private nextSeq = 0;
  private oldestSeq = 0;
  private live = 0;
  evicted = 0;
  expired = 0;

  constructor(
    readonly maxCapacity: number,
    readonly width: number,
    private readonly ttlMs: number
  ) {
    this.capacity = Math.min(INITIAL_CAPACITY, maxCapacity);
    this.seqOf = new Float64Array(this.capacity).fill(-1);
    this.time = new Float64Array(this.capacity);
    this.prediction = new Float64Array(this.capacity);
    this.score = new Float64Array(this.capacity);
    this.attributes = new Int32Array(this.capacity * Math.max(width, 1));
    this.userIds = new Array<string | undefined>(this.capacity);
  }

  get size(): number {
    return this.live;
  }

  /** The slot of a sequence number returned by put (valid until the next put). */
  slotOf(seq: number): number {
    return seq % this.capacity;
  }

  /** Stores a new entry and returns its sequence number; the caller fills prediction, score and attributes. */
  put(now: number, userId?: string): number {
    if (userId !== undefined) {
      const previous = this.byUserId.get(userId);
      if (previous !== undefined) this.drop(previous);
    }
    const seq = this.nextSeq++;
    let slot = seq % this.capacity;
    if (this.seqOf[slot]! >= 0 && this.capacity < this.maxCapacity) {
      this.grow();
      slot = seq % this.capacity;
    }
    if (this.seqOf[slot]! >= 0) {
      // The ring is full at its largest: the oldest entry makes room.
      if (now - this.time[slot]! > this.ttlMs) this.expired++;
      else this.evicted++;
      this.drop(this.seqOf[slot]!);
    }
    this.seqOf[slot] = seq;
    this.time[slot] = now;
    this.live++;
    if (userId !== undefined) {
      this.userIds[slot] = userId;
      this.byUserId.set(userId, seq);
    }
    return seq;
  }

  /** Removes an entry and returns its slot: -1 when unknown (or already taken), -2 when it had expired. */
  take(seq: number, now: number): number {
    if (!(seq >= 0) || !Number.isSafeInteger(seq)) return -1;
    const slot = seq % this.capacity;
    if (this.seqOf[slot] !== seq) return -1;
    this.drop(seq);
    if (now - this.time[slot]! > this.ttlMs) {
      this.expired++;
      return -2;
    }
    return slot;
  }

  /** The sequence number of a live entry stored under the service's own id, or -1. */
  seqOfUserId(id: string): number {
    return this.byUserId.size === 0 ? -1 : (this.byUserId.get(id) ?? -1);
  }

  /** Expires entries past the TTL from the old end. */
  sweep(now: number): void {
    while (this.oldestSeq < this.nextSeq) {
      const slot = this.oldestSeq % this.capacity;
      if (this.seqOf[slot] === this.oldestSeq) {
        if (now - this.time[slot]! <= this.ttlMs) return;
        this.drop(this.oldestSeq);
        this.expired++;
      }
      this.oldestSeq++;
    }
  }

  private drop(seq: number): void {
    const slot = seq % this.capacity;
    if (this.seqOf[slot] !== seq) return;
    this.seqOf[slot] = -1;
    this.live--;
    const userId = this.userIds[slot];
    if (userId !== undefined) {
      this.byUserId.delete(userId);
      this.userIds[slot] = undefined;
    }
  }

  /** Doubles the ring (up to maxCapacity) and moves live entries to their new slots. */
  private grow(): void {
    const old = {
      capacity: this.capacity,
      seqOf: this.seqOf,
      time: this.time,
      prediction: this.prediction,
      score: this.score,
      attributes: this.attributes,
      userIds: this.userIds,
    };
    const capacity = Math.min(this.capacity * 2, this.maxCapacity);
    const w = Math.max(this.width, 1);
    this.capacity = capacity;
    this.seqOf = new Float64Array(capacity).fill(-1);
    this.time = new Float64Array(capacity);
    this.prediction = new Float64Array(capacity);
    this.score = new Float64Array(capacity);
    this.attributes = new Int32Array(capacity * w);
    this.userIds = new Array<string | undefined>(capacity);
    for (let s = 0; s < old.capacity; s++) {
      const seq = old.seqOf[s]!;
      if (seq < 0) continue;
      const t = seq % capacity;
      this.seqOf[t] = seq;
      this.time[t] = old.time[s]!;
      this.prediction[t] = old.prediction[s]!;
      this.score[t] = old.score[s]!;
      this.attributes.set(old.attributes.subarray(s * w, s * w + w), t * w);
      this.userIds[t] = old.userIds[s];
    }
  }
}
