// The background claims pass's work on one file, without `vscode` (the store runs it; the bench measures it): the
// claims of every file are read in the analysis pool, in parts. None on the host, even for a small file: the host's
// first analysis prepares the models (a few hundred milliseconds), and a pass over thousands of small files adds up.
import { RULES, type AnalysisResult, type Claim, type SeverityOrOff } from '../../core';
import type { AnalysisRequest } from '../platform/analysisPool';
import { CancelledError } from '../platform/types';

/** Claims only: every rule off, so analysis skips the rules and the duplicate search. */
export const CLAIMS_ONLY: Record<string, SeverityOrOff> = Object.fromEntries(RULES.map((r) => [r.id, 'off' as const]));

export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** The claims of a file's text, through `offHost` (the pool); undefined when the run was superseded or the pool stopped. */
export async function claimsOfText(key: string, text: string, offHost: (request: AnalysisRequest) => Promise<AnalysisResult>): Promise<Claim[] | undefined> {
  try {
    const result = await offHost({ key: `claims:${key}`, text, options: { rules: CLAIMS_ONLY }, fields: ['claims'], priority: 'background', packClaims: true });
    return result.claims;
  } catch (error) {
    if (error instanceof CancelledError) return undefined;
    throw error;
  }
}
