// The Claims view: every claim of the workspace, grouped by article, speaker or type, sorted by score or position,
// filtered by a minimum score and by type. The grouping, sorting and type filter persist in workspaceState; the
// minimum score is the setting seedAnnotator.claims.minScore.
import * as vscode from 'vscode';
import { CLAIM_TYPES, type Claim, type ClaimType } from '../../core';
import type { ClaimEntry, ClaimsStore } from './store';
import { checkworthinessModel } from '../../core/checkworthiness';
import { shorten } from '../displayText';

export const CLAIMS_VIEW_ID = 'seedAnnotator.claims';
export type GroupBy = 'article' | 'speaker' | 'type';
export type SortBy = 'score' | 'position';

/** The check-worthiness model's threshold (package.json's default for seedAnnotator.claims.minScore is the same). */
export const DEFAULT_MIN_SCORE = checkworthinessModel().threshold;

export function readMinScore(): number {
  const v = Number(vscode.workspace.getConfiguration('seedAnnotator').get<number>('claims.minScore') ?? DEFAULT_MIN_SCORE);
  return Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : DEFAULT_MIN_SCORE;
}

/** Items listed under one group (the rest are counted in its description). */
export const MAX_ITEMS_PER_GROUP = 500;

export interface ClaimGroupNode {
  kind: 'group';
  groupBy: GroupBy;
  key: string;
  label: string;
  entries: ClaimEntry[];
  uri?: vscode.Uri;
}

export interface ClaimNode {
  kind: 'claim';
  entry: ClaimEntry;
  group?: string;
}

export type ClaimsNode = ClaimGroupNode | ClaimNode;

export const TYPE_ICON: Record<ClaimType, string> = {
  statistic: 'graph',
  event: 'calendar',
  quote: 'quote',
  prediction: 'telescope',
  causal: 'arrow-right',
  comparison: 'arrow-swap',
  rule: 'law',
  opinion: 'comment',
  statement: 'megaphone',
};

const SPEAKER_KIND: Record<Claim['speaker']['kind'], string> = { named: 'named source', anonymous: 'anonymous source', author: 'the article itself' };

export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

const SCALE_WORDS = new Set(['thousand', 'million', 'billion', 'trillion']);

/** "48 million (48,000,000)", "38 percent", "$5 billion (5,000,000,000 USD)": the text, and its value when that says more. */
export function numberText(n: { text: string; value: number; unit?: string }): string {
  const unit = n.unit && !SCALE_WORDS.has(n.unit) ? n.unit : '';
  const value = `${n.value.toLocaleString('en-US', { maximumFractionDigits: 6 })}${unit ? ` ${unit}` : ''}`;
  return n.text.replace(/\s+/g, ' ').trim() === value ? value : `${n.text} (${value})`;
}

export function speakerKey(claim: Claim): string {
  return claim.speaker.kind === 'author' ? '\u0000author' : claim.speaker.text.toLowerCase().replace(/\s+/g, ' ');
}

export function speakerLabel(claim: Claim): string {
  return claim.speaker.kind === 'author' ? 'The article (no speaker)' : claim.speaker.text;
}

const byPosition = (a: ClaimEntry, b: ClaimEntry) => a.label.localeCompare(b.label) || a.claim.start - b.claim.start;
const byScore = (a: ClaimEntry, b: ClaimEntry) => b.claim.score - a.claim.score || byPosition(a, b);

/** A verdict on a claim, from the user's annotations: "✓ verified", and the annotation's note. */
export interface ClaimVerdict {
  verdict: string;
  label: string;
  note?: string;
}

/** Where the Claims view and the claim hover find a claim's verdict: the user's annotations (given by extension.ts). */
export type ClaimVerdicts = (uri: vscode.Uri, claimId: string) => ClaimVerdict | undefined;

/** "- **Verdict:** ✓ verified — the note" (a Markdown list item), or ''. */
export function verdictMarkdown(verdict: ClaimVerdict | undefined): string {
  return verdict ? `- **Verdict:** ${verdict.label}${verdict.note ? ` — ${escapeMarkdown(verdict.note)}` : ''}\n` : '';
}

/** The claim's full metadata, for the tree item's tooltip. */
export function claimTooltip(entry: ClaimEntry, also: ClaimEntry[], verdict?: ClaimVerdict): vscode.MarkdownString {
  const c = entry.claim;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**$(${TYPE_ICON[c.types[0] ?? 'statement']}) Claim** — score ${c.score.toFixed(2)}\n\n`);
  md.appendMarkdown(verdictMarkdown(verdict));
  md.appendMarkdown(`${escapeMarkdown(c.text)}\n\n`);
  md.appendMarkdown(`- **Article:** ${escapeMarkdown(entry.label)}, line ${entry.line}\n`);
  const mention = c.speaker.mention ? ` (from “${escapeMarkdown(c.speaker.mention.text)}”)` : '';
  md.appendMarkdown(`- **Speaker:** ${escapeMarkdown(c.speaker.text)}${mention} (${SPEAKER_KIND[c.speaker.kind]})${c.cue ? ` — cue “${escapeMarkdown(c.cue.text)}”` : ''}\n`);
  md.appendMarkdown(`- **Types:** ${c.types.join(', ')}\n`);
  if (c.hedges.length) md.appendMarkdown(`- **Hedges:** ${c.hedges.map((h) => escapeMarkdown(h.text)).join(', ')}\n`);
  if (c.numbers.length) md.appendMarkdown(`- **Numbers:** ${c.numbers.map((n) => escapeMarkdown(numberText(n))).join(', ')}\n`);
  if (c.dates.length) md.appendMarkdown(`- **Dates:** ${c.dates.map((d) => escapeMarkdown(d.value ? `${d.text} (${d.value})` : d.text)).join(', ')}\n`);
  if (c.entities.length) md.appendMarkdown(`- **Entities:** ${c.entities.map((e) => `${escapeMarkdown(e.text)} (${e.kind})`).join(', ')}\n`);
  if (c.reasons.length) md.appendMarkdown(`- **What moved the score:** ${c.reasons.map(escapeMarkdown).join('; ')}\n`);
  if (also.length) md.appendMarkdown(`- **Also in:** ${also.map((e) => escapeMarkdown(e.label)).join(', ')}\n`);
  md.appendMarkdown(`- **Id:** \`${c.id}\`\n`);
  return md;
}

export class ClaimsTreeProvider implements vscode.TreeDataProvider<ClaimsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ClaimsNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private view: vscode.TreeView<ClaimsNode> | undefined;
  private minScore = readMinScore();

  constructor(
    private readonly store: ClaimsStore,
    private readonly state: vscode.Memento,
    private readonly verdicts: ClaimVerdicts,
  ) {
    this.disposables.push(
      store.onDidChange(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('seedAnnotator.claims.minScore')) {
          this.minScore = readMinScore();
          this.refresh();
        }
      }),
    );
    void this.updateContext();
  }

  attach(view: vscode.TreeView<ClaimsNode>): void {
    this.view = view;
    this.updateView();
  }

  get groupBy(): GroupBy {
    const g = this.state.get<string>('seedAnnotator.claims.groupBy');
    return g === 'speaker' || g === 'type' ? g : 'article';
  }

  get sortBy(): SortBy {
    return this.state.get<string>('seedAnnotator.claims.sortBy') === 'position' ? 'position' : 'score';
  }

  /** The types shown (all when the filter was never set). */
  get types(): ClaimType[] {
    const t = this.state.get<string[]>('seedAnnotator.claims.types');
    const all = CLAIM_TYPES.map((x) => x.type);
    return Array.isArray(t) ? all.filter((x) => t.includes(x)) : all;
  }

  get minimumScore(): number {
    return this.minScore;
  }

  async setGroupBy(g: GroupBy): Promise<void> {
    await this.state.update('seedAnnotator.claims.groupBy', g);
    await this.updateContext();
    this.refresh();
  }

  async setSortBy(s: SortBy): Promise<void> {
    await this.state.update('seedAnnotator.claims.sortBy', s);
    await this.updateContext();
    this.refresh();
  }

  async setTypes(types: ClaimType[]): Promise<void> {
    const all = CLAIM_TYPES.map((x) => x.type);
    await this.state.update('seedAnnotator.claims.types', types.length === all.length ? undefined : types);
    await this.updateContext();
    this.refresh();
  }

  private async updateContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'seedAnnotator.claims.groupBy', this.groupBy);
    await vscode.commands.executeCommand('setContext', 'seedAnnotator.claims.sortBy', this.sortBy);
    await vscode.commands.executeCommand('setContext', 'seedAnnotator.claims.typeFiltered', this.types.length < CLAIM_TYPES.length);
  }

  refresh(): void {
    this.updateView();
    this.emitter.fire();
  }

  /** Claims that pass the score and type filters, in sorted order. */
  visibleEntries(): ClaimEntry[] {
    return this.visibleEntriesAt(this.minScore);
  }

  /** The claims that would pass the filters with another minimum score. */
  visibleEntriesAt(min: number): ClaimEntry[] {
    const types = new Set(this.types);
    const out: ClaimEntry[] = [];
    for (const a of this.store.all()) for (const e of a.claims) if (e.claim.score >= min - 1e-9 && e.claim.types.some((t) => types.has(t))) out.push(e);
    return out.sort(this.sortBy === 'score' ? byScore : byPosition);
  }

  private updateView(): void {
    void vscode.commands.executeCommand('setContext', 'seedAnnotator.claims.noArticles', this.store.isReady && this.store.articleCount === 0);
    if (!this.view) return;
    const visible = this.visibleEntries().length;
    let total = 0;
    for (const a of this.store.all()) total += a.claims.length;
    this.view.badge = visible ? { value: visible, tooltip: `${visible} claim${visible === 1 ? '' : 's'} at or above score ${this.minScore}` } : undefined;
    const filters: string[] = [];
    if (this.types.length < CLAIM_TYPES.length) filters.push(`types: ${this.types.join(', ') || 'none'}`);
    if (!this.store.isReady) {
      this.view.message = `Reading articles… ${this.store.progress ?? ''}`.trim();
    } else if (this.store.articleCount === 0) {
      this.view.message = undefined;
    } else if (visible === 0) {
      this.view.message = `No claims shown: ${total} claim${total === 1 ? '' : 's'} in ${this.store.articleCount} article${this.store.articleCount === 1 ? '' : 's'}, none at or above score ${this.minScore}${filters.length ? ` with ${filters.join('; ')}` : ''}. Lower the minimum score or change the type filter.`;
    } else {
      this.view.message = visible < total || filters.length ? `${visible} of ${total} claims (score ≥ ${this.minScore}${filters.length ? `; ${filters.join('; ')}` : ''})` : undefined;
    }
    this.view.description = `by ${this.groupBy}, ${this.sortBy === 'score' ? 'highest score first' : 'in article order'}`;
  }

  getTreeItem(node: ClaimsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.groupBy}:${node.key}`;
      item.description = `${node.entries.length} claim${node.entries.length === 1 ? '' : 's'}${node.entries.length > MAX_ITEMS_PER_GROUP ? ` (the first ${MAX_ITEMS_PER_GROUP} listed)` : ''}`;
      item.contextValue = node.groupBy === 'article' ? 'claimGroup.article' : 'claimGroup';
      if (node.groupBy === 'article' && node.uri) {
        item.resourceUri = node.uri;
        item.iconPath = vscode.ThemeIcon.File;
        item.tooltip = `${node.label}: ${item.description}`;
      } else if (node.groupBy === 'type') {
        item.iconPath = new vscode.ThemeIcon(TYPE_ICON[node.key as ClaimType] ?? 'symbol-misc');
        item.tooltip = CLAIM_TYPES.find((t) => t.type === node.key)?.description;
      } else {
        item.iconPath = new vscode.ThemeIcon(node.key === '\u0000author' ? 'file-text' : 'person');
      }
      return item;
    }
    const { entry } = node;
    const c = entry.claim;
    const also = this.store.otherArticlesWith(entry.uri, c);
    const item = new vscode.TreeItem(shorten(c.text, 64), vscode.TreeItemCollapsibleState.None);
    item.id = `claim:${node.group ?? ''}:${entry.uri.toString()}#${c.id}`;
    const where = this.groupBy === 'article' ? '' : ` · ${entry.label}`;
    const verdict = this.verdicts(entry.uri, c.id);
    item.description = `${verdict ? `${verdict.label} · ` : ''}${c.speaker.kind === 'author' ? '—' : c.speaker.text} · ${c.score.toFixed(2)}${where}${also.length ? ` · also in ${also.length}` : ''}`;
    const iconType = (node.group as ClaimType | undefined) ?? c.types[0] ?? 'statement';
    item.iconPath = new vscode.ThemeIcon(TYPE_ICON[iconType] ?? 'symbol-misc');
    item.contextValue = also.length ? 'claim.shared' : 'claim';
    item.accessibilityInformation = { label: `Claim by ${c.speaker.text}, score ${c.score.toFixed(2)}${verdict ? `, marked ${verdict.verdict.replace('-', ' ')}` : ''}: ${c.text}` };
    item.command = { command: 'seedAnnotator.claims.reveal', title: 'Reveal Claim', arguments: [node] };
    return item;
  }

  /** The claim's card, built when VS Code shows it (on hover), not for every item of a large article. */
  resolveTreeItem(item: vscode.TreeItem, node: ClaimsNode): vscode.TreeItem {
    if (node.kind === 'claim' && item.tooltip === undefined) {
      const { entry } = node;
      item.tooltip = claimTooltip(entry, this.store.otherArticlesWith(entry.uri, entry.claim), this.verdicts(entry.uri, entry.claim.id));
    }
    return item;
  }

  getChildren(node?: ClaimsNode): ClaimsNode[] {
    if (node?.kind === 'claim') return [];
    // A group lists its first claims only: a 1.5 MB article has tens of thousands, and VS Code asks for every item.
    if (node?.kind === 'group') return node.entries.slice(0, MAX_ITEMS_PER_GROUP).map((entry) => ({ kind: 'claim', entry, group: node.groupBy === 'type' ? node.key : undefined }));
    return this.groups();
  }

  getParent(node: ClaimsNode): ClaimsNode | undefined {
    if (node.kind === 'group') return undefined;
    return this.groups().find((g) => g.entries.includes(node.entry) && (node.group === undefined || g.key === node.group));
  }

  /** The top-level groups for the current grouping, each with its visible claims in order. */
  groups(): ClaimGroupNode[] {
    const entries = this.visibleEntries();
    const groups = new Map<string, ClaimGroupNode>();
    const add = (key: string, label: string, e: ClaimEntry, uri?: vscode.Uri) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { kind: 'group', groupBy: this.groupBy, key, label, entries: [], uri }));
      g.entries.push(e);
    };
    const shown = new Set(this.types);
    for (const e of entries) {
      if (this.groupBy === 'article') add(e.uri.toString(), e.label, e, e.uri);
      else if (this.groupBy === 'speaker') add(speakerKey(e.claim), speakerLabel(e.claim), e);
      else for (const t of e.claim.types) if (shown.has(t)) add(t, t, e);
    }
    const list = [...groups.values()];
    if (this.groupBy === 'article') list.sort((a, b) => a.label.localeCompare(b.label));
    else if (this.groupBy === 'speaker') list.sort((a, b) => b.entries.length - a.entries.length || a.label.localeCompare(b.label));
    else {
      const order = CLAIM_TYPES.map((t) => t.type as string);
      list.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    }
    return list;
  }

  /** The node of a claim (for TreeView.reveal). */
  nodeOf(uri: vscode.Uri, claimId: string): ClaimNode | undefined {
    for (const g of this.groups()) {
      const entry = g.entries.find((e) => e.uri.toString() === uri.toString() && e.claim.id === claimId);
      if (entry) return { kind: 'claim', entry, group: g.groupBy === 'type' ? g.key : undefined };
    }
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
