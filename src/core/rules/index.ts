// The registry: every rule, in the order findings are reported.
import { anonymousSource } from './anonymous-source';
import { boilerplate } from './boilerplate';
import { crossDocumentDuplicate } from './cross-document-duplicate';
import { duplicatePassage } from './duplicate-passage';
import { scareQuote } from './scare-quote';
import { unattributedQuote } from './unattributed-quote';
import { unbalancedQuote } from './unbalanced-quote';
import type { Rule } from './rule';

export const RULES: readonly Rule[] = [unattributedQuote, anonymousSource, scareQuote, boilerplate, unbalancedQuote, duplicatePassage, crossDocumentDuplicate];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export type { Rule, RuleContext, RuleFinding } from './rule';
