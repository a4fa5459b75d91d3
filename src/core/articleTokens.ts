// The article's one token stream: each paragraph's words and punctuation (tokenize() in text.ts), computed once per
// analysis and, with a cache, once per paragraph text across the analyses of one document. Attribution, claims (and
// their check-worthiness words) and duplicates all read it; each takes the view it needs from the same tokens.

import type { Paragraph } from './types';
import { paragraphText } from './structure';
import { firstEndingAfter, RunCache, tokenize, type Token } from './text';

/** Per paragraph text, its tokens relative to the paragraph's start (one per document, kept across runs). */
export type TokenCache = RunCache<Token[]>;

export function createTokenCache(): TokenCache {
  return new RunCache<Token[]>();
}

export class ArticleTokens {
  private readonly relativeOf: Array<Token[] | undefined>;
  private readonly absoluteOf: Array<Token[] | undefined>;

  constructor(
    readonly text: string,
    readonly paragraphs: readonly Paragraph[],
    private readonly cache?: TokenCache,
  ) {
    this.relativeOf = new Array<Token[] | undefined>(paragraphs.length);
    this.absoluteOf = new Array<Token[] | undefined>(paragraphs.length);
  }

  /** True when paragraphs' relative tokens come from a cache kept across runs (the same array while a paragraph is unchanged). */
  get reusesTokens(): boolean {
    return this.cache !== undefined;
  }

  /** Paragraph p's tokens, offsets relative to the paragraph's start. Shared with the cache: never change them. */
  relative(p: number): Token[] {
    let tokens = this.relativeOf[p];
    if (!tokens) {
      const paragraph = this.paragraphs[p];
      if (paragraph.end <= paragraph.start) tokens = [];
      else {
        const slice = paragraphText(this.text, paragraph);
        tokens = this.cache ? this.cache.get(slice, () => tokenize(slice, 0, slice.length)) : tokenize(slice, 0, slice.length);
      }
      this.relativeOf[p] = tokens;
    }
    return tokens;
  }

  /** Paragraph p's tokens at their offsets in the article. */
  tokens(p: number): Token[] {
    let tokens = this.absoluteOf[p];
    if (!tokens) {
      const at = this.paragraphs[p].start;
      tokens = this.relative(p).map((t) => ({ start: t.start + at, end: t.end + at, text: t.text, type: t.type }));
      this.absoluteOf[p] = tokens;
    }
    return tokens;
  }

  /**
   * The tokens of paragraph p that lie in [start, end) of the article (start and end inside the paragraph), as
   * (relative) tokens and the paragraph's offset; a token across either bound is included.
   */
  within(p: number, start: number, end: number): { tokens: Token[]; from: number; to: number; at: number } {
    const at = this.paragraphs[p].start;
    const tokens = this.relative(p);
    const from = firstEndingAfter(tokens, start - at);
    let to = from;
    while (to < tokens.length && tokens[to].start < end - at) to++;
    return { tokens, from, to, at };
  }
}
