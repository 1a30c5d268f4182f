/**
 * A least-recently-used cache bounded by the bytes its values take, not by their number: one
 * province-wide answer can weigh as much as thousands of small ones.
 */
export class ByteCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    // Re-inserting moves the entry to the newest end of the map's order.
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.value;
  }

  /** Keeps the value unless it alone exceeds the bound; evicts the oldest to make room. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  /** Corrects the size of an entry whose value was still being computed when it was set. */
  resize(key: string, value: V, bytes: number): void {
    const e = this.entries.get(key);
    if (e && e.value === value) this.set(key, value, bytes);
  }

  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.total -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }
}

/**
 * An estimate of the memory a value holds (strings at two bytes a character, numbers eight,
 * objects and arrays with their members), counting each object once.
 */
export function approxBytes(value: unknown): number {
  const seen = new Set<object>();
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') bytes += 16 + 2 * v.length;
    else if (typeof v === 'number' || typeof v === 'bigint') bytes += 8;
    else if (typeof v === 'boolean' || v === null || v === undefined) bytes += 4;
    else if (typeof v === 'object') {
      if (seen.has(v)) continue;
      seen.add(v);
      bytes += 32;
      if (ArrayBuffer.isView(v)) bytes += v.byteLength;
      else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x);
      else if (v instanceof Set) for (const x of v) stack.push(x);
      else if (Array.isArray(v)) for (const x of v as unknown[]) stack.push(x);
      else
        for (const [k, x] of Object.entries(v)) {
          bytes += 16 + 2 * k.length;
          stack.push(x);
        }
    }
  }
  return bytes;
}
