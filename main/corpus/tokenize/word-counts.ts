// Counts of lower-cased words read straight from a text: an open-addressing table keyed by a hash of the
// lower-cased word, so that a word already counted costs a hash and a comparison against the text — no
// substring, no lower-casing, no string hashing. Only a word seen for the first time becomes a string.
// The keys are exactly `text.slice(start, end).toLowerCase()`: ASCII words are folded code by code,
// any other word goes through toLowerCase() (whose result may differ in length or be ASCII: "K" → "k").

export class WordCounts {
  private keys: string[] = [];
  private counts: number[] = [];
  private hashes: number[] = [];
  private slots = new Int32Array(1 << 12); // entry + 1, 0 = empty
  private mask = (1 << 12) - 1;

  /** Distinct words counted. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * Counts text[start, end) lower-cased. A word not yet counted is added only while fewer than `limit` distinct
   * words are held.
   */
  add(text: string, start: number, end: number, limit: number): void {
    let h = 0x811c9dc5;
    for (let k = start; k < end; k++) {
      let c = text.charCodeAt(k);
      if (c >= 128) {
        this.addKey(text.slice(start, end).toLowerCase(), limit);
        return;
      }
      if (c >= 65 && c <= 90) c |= 0x20;
      h = Math.imul(h ^ c, 0x01000193);
    }
    const length = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot]! - 1;
      if (e < 0) {
        if (this.keys.length < limit) this.insert(slot, text.slice(start, end).toLowerCase(), h);
        return;
      }
      if (this.hashes[e] === h && sameFolded(this.keys[e]!, text, start, length)) {
        this.counts[e]!++;
        return;
      }
    }
  }

  private addKey(key: string, limit: number): void {
    let h = 0x811c9dc5;
    for (let k = 0; k < key.length; k++) h = Math.imul(h ^ key.charCodeAt(k), 0x01000193);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const e = this.slots[slot]! - 1;
      if (e < 0) {
        if (this.keys.length < limit) this.insert(slot, key, h);
        return;
      }
      if (this.hashes[e] === h && this.keys[e] === key) {
        this.counts[e]!++;
        return;
      }
    }
  }

  private insert(slot: number, key: string, h: number): void {
    this.slots[slot] = this.keys.length + 1;
    this.keys.push(key);
    this.counts.push(1);
    this.hashes.push(h);
    if (this.keys.length * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let e = 0; e < this.hashes.length; e++) {
      let slot = this.hashes[e]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** [word, count] pairs in the order the words were first counted. */
  entries(): Array<[string, number]> {
    return this.keys.map((k, e) => [k, this.counts[e]!]);
  }
}

/** Whether `key` equals the ASCII text[start, start + length) with A–Z folded to lower case. */
function sameFolded(key: string, text: string, start: number, length: number): boolean {
  if (key.length !== length) return false;
  for (let k = 0; k < length; k++) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (key.charCodeAt(k) !== c) return false;
  }
  return true;
}
