// Claims as the extension keeps them for articles that are not open: their types as a field; offsets and score in a
// typed array; the id, the text, a named speaker and the rest (cue, hedges, numbers, dates, entities, reasons, as one
// JSON string) as bytes outside the JavaScript heap, read when a label, a tooltip or an export asks. A folder of 10,000 articles has half a million claims; a claim in full is some twenty objects, and
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
 * where each claim brought its own copy. A claim keeps the number of its shared speaker in its batch's block; named
 * speakers (with their place in the text) are kept there as JSON.
 */
const placelessSpeakers = new Map<string, number>();
const placelessSpeakerList: ClaimSpeaker[] = [];
/** The number of the shared speaker, or −1 for one kept in the block (a named one, or past the cap). */
function sharedSpeakerNumber(speaker: ClaimSpeaker): number {
  if (speaker.start !== undefined) return -1;
  const key = JSON.stringify(speaker);
  let number = placelessSpeakers.get(key);
  if (number === undefined) {
    if (placelessSpeakerList.length >= 4096) return -1;
    number = placelessSpeakerList.length;
    placelessSpeakerList.push(Object.freeze({ ...speaker }));
    placelessSpeakers.set(key, number);
  }
  return number;
}

/** Fields of a claim kept in its block as bytes, in order. */
const ID = 0;
const TEXT = 1;
const DETAILS = 2;
const SPEAKER = 3;
const FIELDS = 4;

/**
 * The ids, texts, details and named speakers of a batch of claims (one part of a worker's answer) as bytes, outside
 * the JavaScript heap: a garbage collection of the host never marks or moves them, and a claim needs no string or
 * object of its own (each would be one more for every full collection to mark). Each UTF-16 code unit is written on
 * its own as one to three bytes (UTF-8's widths, surrogates included), so any string comes back exactly, lone
 * surrogates too.
 */
class ClaimBlock {
  /** Claim i's field f is bytes[bounds[FIELDS·i + f], bounds[FIELDS·i + f + 1]). */
  readonly bounds: Int32Array;
  readonly bytes: Uint8Array;
  /** Claim i's start, end and score (a double each, exact for both). */
  readonly numbers: Float64Array;
  /** Claim i's shared speaker (placelessSpeakerList), or −1 for its SPEAKER field's JSON. */
  readonly speakers: Int32Array;

  constructor(packed: readonly PackedClaim[]) {
    this.bounds = new Int32Array(FIELDS * packed.length + 1);
    this.numbers = new Float64Array(3 * packed.length);
    this.speakers = new Int32Array(packed.length);
    const speakerJson: string[] = [];
    let size = 0;
    for (let i = 0; i < packed.length; i++) {
      const p = packed[i];
      this.speakers[i] = sharedSpeakerNumber(p.speaker);
      speakerJson.push(this.speakers[i] < 0 ? JSON.stringify(p.speaker) : '');
      size += encodedLength(p.id) + encodedLength(p.text) + encodedLength(p.details) + encodedLength(speakerJson[i]);
    }
    this.bytes = new Uint8Array(size);
    let at = 0;
    for (let i = 0; i < packed.length; i++) {
      const p = packed[i];
      const fields = [p.id, p.text, p.details, speakerJson[i]];
      for (let f = 0; f < FIELDS; f++) {
        at = encodeInto(fields[f], this.bytes, at);
        this.bounds[FIELDS * i + f + 1] = at;
      }
      this.numbers[3 * i] = p.start;
      this.numbers[3 * i + 1] = p.end;
      this.numbers[3 * i + 2] = p.score;
    }
  }

  field(i: number, f: number): string {
    return decode(this.bytes, this.bounds[FIELDS * i + f], this.bounds[FIELDS * i + f + 1]);
  }

  speaker(i: number): ClaimSpeaker {
    const shared = this.speakers[i];
    return shared >= 0 ? placelessSpeakerList[shared] : (JSON.parse(this.field(i, SPEAKER)) as ClaimSpeaker);
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
 * A claim kept packed: reads like any Claim. Its id, text, details and named speaker live in its batch's ClaimBlock
 * (decoded or parsed on each read: the Claims view's labels and tooltips, exports, the same-claim index); on the heap
 * only a small object with its block, its place there and its (shared) list of types. A folder's half a million
 * claims in full were most of the host's heap, and each string or object a claim keeps is one more for every full
 * collection to mark.
 */
export class StoredClaim implements Claim {
  readonly types: ClaimType[];

  private constructor(
    types: ClaimType[],
    private readonly block: ClaimBlock,
    private readonly at: number,
  ) {
    this.types = sharedTypes(types);
  }

  /** A batch of claims from the worker, their ids, texts, details and speakers packed together. */
  static fromPacked(packed: readonly PackedClaim[]): StoredClaim[] {
    const block = new ClaimBlock(packed);
    return packed.map((p, i) => new StoredClaim(p.types, block, i));
  }

  get id(): string {
    return this.block.field(this.at, ID);
  }
  /** A named speaker is parsed afresh on each read (the others are shared). */
  get speaker(): ClaimSpeaker {
    return this.block.speaker(this.at);
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
    return this.block.field(this.at, TEXT);
  }

  /** Everything but the listed fields, parsed afresh. */
  unpackDetails(): ClaimDetails {
    return JSON.parse(this.block.field(this.at, DETAILS)) as ClaimDetails;
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
