// analyze() catches every error and turns it into an "Analysis failed" notice with an empty result, so a property
// that only calls it can never fail. These wrappers fail the test when that notice comes back.
import assert from 'node:assert/strict';
import { analysisFailure, analyze, type AnalysisResult, type AnalyzeOptions, type DocumentAnalyzer } from '../../src/core';

/** Fails when the analysis reported that it failed. */
export function assertAnalysed(result: AnalysisResult, text: string): AnalysisResult {
  const failure = analysisFailure(result);
  assert.equal(failure, undefined, `${failure} (text: ${JSON.stringify(text.length > 200 ? text.slice(0, 200) + '…' : text)})`);
  return result;
}

/** analyze(), failing the test when the analysis failed. */
export function analyzed(text: string, options?: AnalyzeOptions): AnalysisResult {
  return assertAnalysed(analyze(text, options), text);
}

/** DocumentAnalyzer.analyze(), failing the test when the analysis failed. */
export function reanalyzed(analyzer: DocumentAnalyzer, text: string, options?: AnalyzeOptions): AnalysisResult {
  return assertAnalysed(analyzer.analyze(text, options), text);
}
