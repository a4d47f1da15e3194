// Replays a pool in shuffled passes: every item once per pass, a new order each pass. Over a window of a pass
// or more the replayed mix is the pool's own, so steady traffic looks like the data set and not like a
// sample of it, and statistics stay far from their alert levels.
export class ShuffledCycle<T> {
  private order: number[] = [];
  private next_ = 0;

  constructor(
    private readonly items: readonly T[],
    private readonly random: () => number
  ) {
    if (items.length === 0) throw new RangeError('a shuffled cycle needs at least one item');
  }

  next(): T {
    if (this.next_ >= this.order.length) {
      this.order = Array.from({ length: this.items.length }, (_, i) => i);
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [this.order[i], this.order[j]] = [this.order[j]!, this.order[i]!];
      }
      this.next_ = 0;
    }
    return this.items[this.order[this.next_++]!]!;
  }
}
