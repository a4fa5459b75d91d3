// The fingerprint index's storage: typed arrays only, no object per document or per fingerprint.

/** Mixes a 32-bit hash into a table slot (the k-gram hashes' low bits alone are not well spread). */
export function slotHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

/** `values` written at `at` in `into`, grown (doubled) when it has no room: an array that holds many small runs. */
export function appendInts(into: Int32Array, at: number, values: Int32Array): Int32Array {
  let out = into;
  if (at + values.length > into.length) {
    out = new Int32Array(Math.max(2 * into.length, at + values.length));
    out.set(into.subarray(0, at));
  }
  out.set(values, at);
  return out;
}

/**
 * Numbered blocks of Int32s in one growing array (no allocation per block). A freed block stays as garbage until
 * the array is full and garbage makes up a third of it; then the live blocks are copied together into a new
 * array. Offsets change on every `alloc`, so read them (and `data`) afresh after one.
 */
export class BlockPool {
  data = new Int32Array(1024);
  /** Per block number: offset and size (0 = no block). */
  offsets = new Int32Array(64);
  sizes = new Int32Array(64);
  private end = 0;
  private garbage = 0;

  /** Bytes held. */
  get bytes(): number {
    return this.data.byteLength + this.offsets.byteLength + this.sizes.byteLength;
  }

  /** A block of `size` Int32s for block number `id` (which must hold none); returns its offset. */
  alloc(id: number, size: number): number {
    if (id >= this.offsets.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(Math.max(id + 1, 2 * a.length));
        b.set(a);
        return b;
      };
      this.offsets = grow(this.offsets);
      this.sizes = grow(this.sizes);
    }
    if (this.end + size > this.data.length) this.makeRoom(size);
    const offset = this.end;
    this.end += size;
    this.offsets[id] = offset;
    this.sizes[id] = size;
    return offset;
  }

  free(id: number): void {
    this.garbage += this.sizes[id];
    this.sizes[id] = 0;
  }

  private makeRoom(size: number): void {
    const live = this.end - this.garbage;
    const length = Math.max(1024, Math.ceil((live + size) * 1.5));
    if (3 * this.garbage < this.end) {
      // Mostly live: grow in place.
      const data = new Int32Array(Math.max(length, Math.ceil(this.data.length * 1.5)));
      data.set(this.data.subarray(0, this.end));
      this.data = data;
      return;
    }
    const data = new Int32Array(length);
    const old = this.data;
    let end = 0;
    for (let id = 0; id < this.sizes.length; id++) {
      const n = this.sizes[id];
      if (!n) continue;
      const from = this.offsets[id];
      // Most blocks hold a few entries: copied in a loop, not through a view object per block (a million views
      // made this compaction take seconds on a 10,000-article folder).
      if (n <= 64) for (let k = 0; k < n; k++) data[end + k] = old[from + k];
      else data.set(old.subarray(from, from + n), end);
      this.offsets[id] = end;
      end += n;
    }
    this.data = data;
    this.end = end;
    this.garbage = 0;
  }
}

/**
 * Fingerprint → documents, in one open-addressing table (linear probing, backward-shift deletion, so no
 * tombstones) of interleaved Int32 key/value pairs: no object per fingerprint. A value is 0 for an empty slot,
 * doc + 1 for a fingerprint seen in one document (most of them), and −(list + 1) for one shared by several, whose
 * documents are then kept in a block of `lists` (capacity a power of two, `listLengths` used).
 */
export class PostingTable {
  private table = new Int32Array(2 * 1024);
  /** Slots (any number: a slot is found by scaling a mixed hash, not by masking). */
  private capacity = 1024;
  private used = 0;
  readonly lists = new BlockPool();
  listLengths = new Int32Array(64);
  private freeLists: number[] = [];
  private listCount = 0;

  /** Distinct fingerprints held. */
  get size(): number {
    return this.used;
  }

  get bytes(): number {
    return this.table.byteLength + this.lists.bytes + this.listLengths.byteLength;
  }

  private home(h: number): number {
    return Math.floor(((slotHash(h) >>> 0) * this.capacity) / 4294967296);
  }

  /** The slot holding `h`, or the empty slot where it would go. */
  private find(h: number): number {
    const t = this.table;
    const capacity = this.capacity;
    let s = this.home(h);
    while (t[2 * s + 1] !== 0 && t[2 * s] !== h) if (++s === capacity) s = 0;
    return s;
  }

  /** Documents holding `h`. */
  count(h: number): number {
    const v = this.table[2 * this.find(h) + 1];
    return v === 0 ? 0 : v > 0 ? 1 : this.listLengths[-v - 1];
  }

  /** The raw value for `h` (see the class comment). */
  value(h: number): number {
    return this.table[2 * this.find(h) + 1];
  }

  add(h: number, doc: number): void {
    // At most 80% full: linear probing stays short, and growing by half keeps the table 53–80% full.
    if ((this.used + 1) * 5 > this.capacity * 4) this.rehash(Math.ceil(this.capacity * 1.5));
    const s = this.find(h);
    const t = this.table;
    const v = t[2 * s + 1];
    if (v === 0) {
      t[2 * s] = h;
      t[2 * s + 1] = doc + 1;
      this.used++;
    } else if (v > 0) {
      const li = this.freeLists.length ? this.freeLists.pop()! : this.listCount++;
      if (li >= this.listLengths.length) {
        const more = new Int32Array(2 * this.listLengths.length);
        more.set(this.listLengths);
        this.listLengths = more;
      }
      const at = this.lists.alloc(li, 2);
      this.lists.data[at] = v - 1;
      this.lists.data[at + 1] = doc;
      this.listLengths[li] = 2;
      t[2 * s + 1] = -(li + 1);
    } else {
      const li = -v - 1;
      const n = this.listLengths[li];
      if (n === this.lists.sizes[li]) this.resizeList(li, 2 * n);
      this.lists.data[this.lists.offsets[li] + n] = doc;
      this.listLengths[li] = n + 1;
    }
  }

  remove(h: number, doc: number): void {
    const s = this.find(h);
    const t = this.table;
    const v = t[2 * s + 1];
    if (v === 0) return;
    if (v > 0) {
      if (v - 1 === doc) this.clear(s);
      return;
    }
    const li = -v - 1;
    const data = this.lists.data;
    const from = this.lists.offsets[li];
    const n = this.listLengths[li];
    let at = from;
    while (at < from + n && data[at] !== doc) at++;
    if (at === from + n) return;
    data[at] = data[from + n - 1];
    this.listLengths[li] = n - 1;
    if (n - 1 === 1) {
      t[2 * s + 1] = data[from] + 1;
      this.lists.free(li);
      this.freeLists.push(li);
    } else if (n - 1 <= this.lists.sizes[li] / 4) this.resizeList(li, this.lists.sizes[li] / 2);
  }

  /** Moves list `li` to a block of `size` entries. */
  private resizeList(li: number, size: number): void {
    const n = this.listLengths[li];
    const entries = this.lists.data.slice(this.lists.offsets[li], this.lists.offsets[li] + n);
    this.lists.free(li);
    const at = this.lists.alloc(li, size); // may move the pool's data: read it after
    this.lists.data.set(entries, at);
  }

  /** Empties slot `s`, shifting later entries of its probe run back (so no tombstones are needed). */
  private clear(s: number): void {
    const t = this.table;
    const capacity = this.capacity;
    let hole = s;
    let j = s;
    for (;;) {
      if (++j === capacity) j = 0;
      if (t[2 * j + 1] === 0) break;
      const home = this.home(t[2 * j]);
      // The entry at j may move back to the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      t[2 * hole] = t[2 * j];
      t[2 * hole + 1] = t[2 * j + 1];
      hole = j;
    }
    t[2 * hole] = 0;
    t[2 * hole + 1] = 0;
    this.used--;
  }

  private rehash(capacity: number): void {
    const old = this.table;
    this.table = new Int32Array(2 * capacity);
    this.capacity = capacity;
    const t = this.table;
    for (let x = 0; x < old.length; x += 2) {
      if (old[x + 1] === 0) continue;
      let s = this.home(old[x]);
      while (t[2 * s + 1] !== 0) if (++s === capacity) s = 0;
      t[2 * s] = old[x];
      t[2 * s + 1] = old[x + 1];
    }
  }
}

