/**
 * A bounded map whose entries lapse at their own time: what was costly to compute (a verified or
 * signed token) is kept until it stops being valid. Past `capacity` entries it starts over, so a
 * burst of many distinct keys costs recomputation, never unbounded memory.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { readonly value: V; readonly validUntil: number }>();

  constructor(private readonly capacity: number) {}

  /** The value kept for `key` while `now` (ms) is before its end of validity. */
  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.validUntil > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Keeps `value` until `validUntil` (ms since the epoch); nothing is kept when that is already past. */
  set(key: string, value: V, validUntil: number, now = Date.now()): void {
    if (validUntil <= now) return;
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(key, { value, validUntil });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
