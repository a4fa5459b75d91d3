// Claims as the extension keeps them for articles that are not open: what the Claims view lists and filters on (id,
// offsets, text, score, types, speaker) as fields, and the rest (cue, hedges, numbers, dates, entities, reasons) as
// one JSON string, read when a tooltip or an export asks. A folder of 10,000 articles has half a million claims; a
// claim in full is some twenty objects, and every object kept is work for each full garbage collection of the
// extension host (a pause the user feels as a frozen editor).
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

/** A claim kept packed: reads like any Claim; its details are parsed on each read (tooltips, exports). */
export class StoredClaim implements Claim {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly speaker: ClaimSpeaker;
  readonly types: ClaimType[];
  readonly score: number;
  private readonly details: string;

  constructor(packed: PackedClaim) {
    this.id = packed.id;
    this.start = packed.start;
    this.end = packed.end;
    this.text = packed.text;
    this.speaker = packed.speaker;
    this.types = sharedTypes(packed.types);
    this.score = packed.score;
    this.details = packed.details;
  }

  /** Everything but the listed fields, parsed afresh. */
  unpackDetails(): ClaimDetails {
    return JSON.parse(this.details) as ClaimDetails;
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
