// Claims as the extension keeps them for articles that are not open: what the Claims view lists and filters on (id,
// speaker, types) as fields; offsets and score in a typed array; the text and the rest (cue, hedges, numbers, dates,
// entities, reasons, as one JSON string) as bytes outside the JavaScript heap, read when a label, a tooltip or an
// export asks. A folder of 10,000 articles has half a million claims; a claim in full is some twenty objects, and
// every object kept is work for each full garbage collection of the extension host (a pause the user feels as a
// frozen editor).
import type { Claim, ClaimDate, ClaimEntity, ClaimNumber, ClaimSpeaker, ClaimType } from './claims';
import type { Span } from './types';

/** What travels from the analysis worker: a claim with its details in one string. */
export interface PackedClaim {
  id: string;
  start: number;
  end: number;
  text: string;
  speaker: ClaimSpeaker;
  types: ClaimType[];
  score: number;
  details: string;
}

export interface ClaimDetails {
  cue: Span | null;
  hedges: Span[];
  numbers: ClaimNumber[];
  dates: ClaimDate[];
  entities: ClaimEntity[];
  reasons: string[];
}

export function packClaim(claim: Claim): PackedClaim {
  const { id, start, end, text, speaker, types, score, cue, hedges, numbers, dates, entities, reasons } = claim;
  const details: ClaimDetails = { cue, hedges, numbers, dates, entities, reasons };
  return { id, start, end, text, speaker, types, score, details: JSON.stringify(details) };
}

/** The few distinct lists of types, shared: most claims have one of a dozen. */
const typeLists = new Map<string, ClaimType[]>();
function sharedTypes(types: ClaimType[]): ClaimType[] {
  const key = types.join(',');
  let shared = typeLists.get(key);
  if (!shared) {
    shared = Object.freeze([...types]) as ClaimType[];
    if (typeLists.size < 4096) typeLists.set(key, shared);
  }
  return shared;
}

/**
 * Speakers named nowhere in the text (the article's own assertions, an anonymous source) shared: one of a handful,
 * where each claim brought its own copy. Named ones (with their place in the text) stay the claim's own.
 */
const placelessSpeakers = new Map<string, ClaimSpeaker>();
function sharedSpeaker(speaker: ClaimSpeaker): ClaimSpeaker {
  if (speaker.start !== undefined) return speaker;
  const key = JSON.stringify(speaker);
  let shared = placelessSpeakers.get(key);
  if (!shared) {
    shared = Object.freeze({ ...speaker });
    if (placelessSpeakers.size < 4096) placelessSpeakers.set(key, shared);
  }
  return shared;
}

/**
 * The texts and details of a batch of claims (one part of a worker's answer) as bytes, outside the JavaScript heap:
 * a garbage collection of the host never marks or moves them. Each UTF-16 code unit is written on its own as one to
 * three bytes (UTF-8's widths, surrogates included), so any string comes back exactly, lone surrogates too.
 */
class ClaimBlock {
  /** Claim i's text is bytes[bounds[2i], bounds[2i + 1]), its details JSON bytes[bounds[2i + 1], bounds[2i + 2]). */
  readonly bounds: Int32Array;
  readonly bytes: Uint8Array;
  /** Claim i's start, end and score (a double each, exact for both). */
  readonly numbers: Float64Array;

  constructor(packed: readonly PackedClaim[]) {
    this.bounds = new Int32Array(2 * packed.length + 1);
    this.numbers = new Float64Array(3 * packed.length);
    let size = 0;
    for (const p of packed) size += encodedLength(p.text) + encodedLength(p.details);
    this.bytes = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < packed.length; i++) {
      at = encodeInto(packed[i].text, this.bytes, at);
      this.bounds[2 * i + 1] = at;
      at = encodeInto(packed[i].details, this.bytes, at);
      this.bounds[2 * i + 2] = at;
      this.numbers[3 * i] = packed[i].start;
      this.numbers[3 * i + 1] = packed[i].end;
      this.numbers[3 * i + 2] = packed[i].score;
    }
  }

  text(i: number): string {
    return decode(this.bytes, this.bounds[2 * i], this.bounds[2 * i + 1]);
  }

  details(i: number): string {
    return decode(this.bytes, this.bounds[2 * i + 1], this.bounds[2 * i + 2]);
  }
}

function encodedLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 ? 2 : 1;
  }
  return n;
}

function encodeInto(s: string, bytes: Uint8Array, at: number): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes[at++] = c;
    else if (c < 0x800) {
      bytes[at++] = 0xc0 | (c >> 6);
      bytes[at++] = 0x80 | (c & 0x3f);
    } else {
      bytes[at++] = 0xe0 | (c >> 12);
      bytes[at++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[at++] = 0x80 | (c & 0x3f);
    }
  }
  return at;
}

/** Code units decoded per String.fromCharCode call (its arguments go on the stack). */
const DECODE_CHUNK = 4096;
const decoded = new Array<number>(DECODE_CHUNK);

function decode(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  let n = 0;
  for (let at = from; at < to; ) {
    const b = bytes[at++];
    decoded[n++] = b < 0x80 ? b : b < 0xe0 ? ((b & 0x1f) << 6) | (bytes[at++] & 0x3f) : ((b & 0x0f) << 12) | ((bytes[at++] & 0x3f) << 6) | (bytes[at++] & 0x3f);
    if (n === DECODE_CHUNK) {
      out += String.fromCharCode(...decoded);
      n = 0;
    }
  }
  return n ? out + String.fromCharCode(...decoded.slice(0, n)) : out;
}

/**
 * A claim kept packed: reads like any Claim. Its text and details live in its batch's ClaimBlock (its text decoded,
 * its details parsed, on each read: the Claims view's labels and tooltips, exports); on the heap only a small object
 * with its id, speaker and types. A folder's half a million claims in full were most of the host's heap.
 */
export class StoredClaim implements Claim {
  readonly speaker: ClaimSpeaker;
  readonly types: ClaimType[];

  private constructor(
    readonly id: string,
    speaker: ClaimSpeaker,
    types: ClaimType[],
    private readonly block: ClaimBlock,
    private readonly at: number,
  ) {
    this.speaker = sharedSpeaker(speaker);
    this.types = sharedTypes(types);
  }

  /** A batch of claims from the worker, their texts and details packed together. */
  static fromPacked(packed: readonly PackedClaim[]): StoredClaim[] {
    const block = new ClaimBlock(packed);
    return packed.map((p, i) => new StoredClaim(p.id, p.speaker, p.types, block, i));
  }

  get start(): number {
    return this.block.numbers[3 * this.at];
  }
  get end(): number {
    return this.block.numbers[3 * this.at + 1];
  }
  get score(): number {
    return this.block.numbers[3 * this.at + 2];
  }
  get text(): string {
    return this.block.text(this.at);
  }

  /** Everything but the listed fields, parsed afresh. */
  unpackDetails(): ClaimDetails {
    return JSON.parse(this.block.details(this.at)) as ClaimDetails;
  }
  get cue(): Span | null {
    return this.unpackDetails().cue;
  }
  get hedges(): Span[] {
    return this.unpackDetails().hedges;
  }
  get numbers(): ClaimNumber[] {
    return this.unpackDetails().numbers;
  }
  get dates(): ClaimDate[] {
    return this.unpackDetails().dates;
  }
  get entities(): ClaimEntity[] {
    return this.unpackDetails().entities;
  }
  get reasons(): string[] {
    return this.unpackDetails().reasons;
  }
}

/** The claim as a plain object, its fields in the order analyze() gives them (for JSON; a spread misses getters). */
export function plainClaim(claim: Claim): Claim {
  const { cue, hedges, numbers, dates, entities, reasons } = claim instanceof StoredClaim ? claim.unpackDetails() : claim;
  return { id: claim.id, start: claim.start, end: claim.end, text: claim.text, speaker: claim.speaker, cue, types: claim.types, hedges, numbers, dates, entities, score: claim.score, reasons };
}
