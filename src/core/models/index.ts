// The learned models, bundled as plain JSON (written by `npm run train`). A missing file fails the build; a file
// that is not a model fails here, at load, with its name: never a silent fallback to something else.
import attributionWeights from './attribution.json';
import { assertLinearModel } from './linear';
import type { AttributionModel } from '../speakers/quoteSpeaker';

export function asAttributionModel(value: unknown, name = 'attribution.json'): AttributionModel {
  const m = value as AttributionModel;
  if (!m || typeof m !== 'object') throw new Error(`${name}: not an attribution model`);
  assertLinearModel(m.quote, `${name} (quote)`);
  assertLinearModel(m.reported, `${name} (reported)`);
  if (!m.cues || typeof m.cues !== 'object') throw new Error(`${name}: no cue lexicon`);
  for (const key of ['noneThreshold', 'claimThreshold'] as const) {
    if (typeof m[key] !== 'number' || !Number.isFinite(m[key])) throw new Error(`${name}: ${key} is not a number`);
  }
  return m;
}

export const ATTRIBUTION_MODEL: AttributionModel = asAttributionModel(attributionWeights);
