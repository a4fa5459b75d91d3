// The claims UI: the Claims view (tree, badge, welcome), its title-bar and context-menu commands, the claim hover,
// Next/Previous Claim, Export Claims… and the article status bar item. extension.ts registers the commands.
import * as vscode from 'vscode';
import { CLAIM_TYPES, claimsJsonChunks, claimsToCsv, withSameClaims, type Claim, type ClaimRow, type ClaimType } from '../../core';
import { AnalysisController, SEED_LANGUAGE } from '../analysis/controller';
import type { ConfigStore } from '../analysis/config';
import { ClaimHoverProvider } from './hover';
import { ClaimsStatusBar, type ArticleCounts } from './status';
import { baseClaimId, ClaimsStore, type ClaimEntry } from './store';
import { CLAIMS_VIEW_ID, ClaimsTreeProvider, DEFAULT_MIN_SCORE, type ClaimNode, type ClaimsNode, type ClaimVerdicts, type GroupBy, type SortBy } from './view';
import type { WorkspaceIndex } from '../duplicates/workspaceIndex';
import { replaceFileAt } from '../annotations/files';
import { quoted, shorten } from '../displayText';

/** What tests (and other extensions) can see of the claims UI. */
export interface ClaimsApi {
  /** Resolves once every article of the workspace was read. */
  ready(): Promise<void>;
  /** The Claims view's data: getChildren, getTreeItem, onDidChangeTreeData, the grouping and filters. */
  readonly tree: ClaimsTreeProvider;
  readonly view: vscode.TreeView<ClaimsNode>;
  readonly store: ClaimsStore;
  /** The counts in the status bar item, or undefined when it is hidden. */
  statusCounts(): ArticleCounts | undefined;
  /** Fires when Set Minimum Claim Score… shows its quick pick (tests type into it). */
  readonly onDidShowMinScorePick: vscode.Event<vscode.QuickPick<MinScoreItem>>;
}

/** An item of Set Minimum Claim Score…: a score, or (value undefined) what to type instead. */
export interface MinScoreItem extends vscode.QuickPickItem {
  value: number | undefined;
}

/** A minimum score as typed: a number between 0 and 1 ("0.35", ".4", "1"). */
const MIN_SCORE_PATTERN = /^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/;

const say = (message: string) => void vscode.window.showInformationMessage(`Seed Annotator: ${message}`);

function isClaimNode(x: unknown): x is ClaimNode {
  return !!x && typeof x === 'object' && (x as ClaimNode).kind === 'claim' && !!(x as ClaimNode).entry?.claim;
}

export class ClaimsFeature implements vscode.Disposable {
  readonly store: ClaimsStore;
  readonly tree: ClaimsTreeProvider;
  readonly view: vscode.TreeView<ClaimsNode>;
  readonly status: ClaimsStatusBar;
  private readonly minScorePickShown = new vscode.EventEmitter<vscode.QuickPick<MinScoreItem>>();
  private readonly disposables: vscode.Disposable[] = [this.minScorePickShown];
  /** The quick pick of Set Minimum Claim Score… while it is shown (disposed with the feature). */
  private openPick: vscode.QuickPick<MinScoreItem> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly controller: AnalysisController,
    index: WorkspaceIndex,
    configs: ConfigStore,
    log: vscode.LogOutputChannel,
    verdicts: ClaimVerdicts,
  ) {
    this.store = new ClaimsStore(index, controller, configs, log);
    this.tree = new ClaimsTreeProvider(this.store, context.workspaceState, verdicts);
    this.view = vscode.window.createTreeView(CLAIMS_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.tree.attach(this.view);
    this.status = new ClaimsStatusBar(controller);
    this.disposables.push(
      this.store,
      this.tree,
      this.view,
      this.status,
      vscode.languages.registerHoverProvider([{ language: SEED_LANGUAGE }], new ClaimHoverProvider(controller, this.store, verdicts)),
    );
    // The workspace's articles are read in the background once the duplicate index is built.
    this.store.scheduleScan(false, 0);
  }

  get api(): ClaimsApi {
    return { ready: () => this.store.ready(), tree: this.tree, view: this.view, store: this.store, statusCounts: () => this.status.current, onDidShowMinScorePick: this.minScorePickShown.event };
  }

  // ---- title bar -------------------------------------------------------------------------------------------

  groupBy = (g: GroupBy) => () => this.tree.setGroupBy(g);
  sortBy = (s: SortBy) => () => this.tree.setSortBy(s);

  refresh = (): void => {
    this.store.scheduleScan(true, 0);
    this.tree.refresh();
  };

  /** Sets seedAnnotator.claims.minScore: from the argument (0–1), or a quick pick of presets that also takes a typed value. */
  setMinScore = async (value?: unknown): Promise<void> => {
    const score = typeof value === 'number' ? value : await this.pickMinScore();
    if (score === undefined) return;
    if (!Number.isFinite(score) || score < 0 || score > 1) {
      say('the minimum score is a number between 0 and 1.');
      return;
    }
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    const config = vscode.workspace.getConfiguration('seedAnnotator');
    // Back to the default: the workspace's own value is removed rather than written (no settings file created for
    // it), unless a user setting would then show through.
    const userValue = config.inspect<number>('claims.minScore')?.globalValue;
    const backToDefault = score === DEFAULT_MIN_SCORE && target === vscode.ConfigurationTarget.Workspace && (userValue === undefined || userValue === DEFAULT_MIN_SCORE);
    await config.update('claims.minScore', backToDefault ? undefined : score, target);
  };

  /**
   * The minimum score from a quick pick: a preset, or the number typed into it, offered as its own item ("Use 0.35")
   * so that Enter takes it; what is not a number between 0 and 1 gets an item that says so, not an empty list.
   */
  private pickMinScore(): Promise<number | undefined> {
    const current = this.tree.minimumScore;
    const counts = (min: number) => this.tree.visibleEntriesAt(min).length;
    const said = (v: number) => [v === current ? '(current)' : '', v === DEFAULT_MIN_SCORE ? '(default: the model’s threshold)' : ''].filter(Boolean).join(' ');
    const presets: MinScoreItem[] = [...new Set([0, 0.2, DEFAULT_MIN_SCORE, 0.4, 0.5, 0.6, 0.7, 0.8])]
      .sort((a, b) => a - b)
      .map((v) => ({ label: String(v), description: `${said(v)}${said(v) ? ' ' : ''}${counts(v)} claims`, value: v }));
    const pick = vscode.window.createQuickPick<MinScoreItem>();
    pick.title = 'Show claims with a check-worthiness score of at least…';
    pick.placeholder = `Now ${current}: choose a value, or type one between 0 and 1`;
    pick.items = presets;
    const itemsFor = (typed: string): MinScoreItem[] => {
      const text = typed.trim();
      // Empty, or on the way to a number ("0.", "."): the presets, which VS Code filters by what is typed.
      if (!text || /^(?:0?\.|0)$/.test(text)) return presets;
      if (MIN_SCORE_PATTERN.test(text)) {
        const v = Number(text);
        // alwaysShow: VS Code would hide it when the label did not match the typed text.
        return [{ label: `Use ${v}`, description: `${said(v)}${said(v) ? ' ' : ''}${counts(v)} claims`, value: v, alwaysShow: true }];
      }
      return [{ label: '$(error) Type a number between 0 and 1, such as 0.35', value: undefined, alwaysShow: true }];
    };
    return new Promise<number | undefined>((resolve) => {
      let chosen: number | undefined;
      const listeners = [
        pick.onDidChangeValue((typed) => {
          const items = itemsFor(typed);
          pick.items = items;
          // The typed value (or what to type) is the item Enter takes, not a preset that happens to match.
          if (items !== presets) pick.activeItems = items;
        }),
        pick.onDidAccept(() => {
          const value = (pick.selectedItems[0] ?? pick.activeItems[0])?.value;
          // The item that explains what to type keeps the quick pick open.
          if (value === undefined) return;
          chosen = value;
          pick.hide();
        }),
        pick.onDidHide(() => {
          for (const l of listeners) l.dispose();
          pick.dispose();
          this.openPick = undefined;
          resolve(chosen);
        }),
      ];
      this.openPick = pick;
      pick.show();
      this.minScorePickShown.fire(pick);
    });
  }

  /** Shows only claims of the given types: from the argument, or a quick pick with checkboxes. */
  filterTypes = async (types?: unknown): Promise<void> => {
    let chosen: ClaimType[] | undefined = Array.isArray(types) ? CLAIM_TYPES.map((t) => t.type).filter((t) => types.includes(t)) : undefined;
    if (!chosen) {
      const current = new Set(this.tree.types);
      const picks = await vscode.window.showQuickPick(
        CLAIM_TYPES.map((t) => ({ label: t.type, description: t.description, picked: current.has(t.type), type: t.type })),
        { canPickMany: true, title: 'Show claims of these types' },
      );
      if (!picks) return;
      chosen = picks.map((p) => p.type);
    }
    if (!chosen.length) {
      say('no type was chosen, so claims of every type are shown.');
      chosen = CLAIM_TYPES.map((t) => t.type);
    }
    await this.tree.setTypes(chosen);
  };

  // ---- one claim -------------------------------------------------------------------------------------------

  /** The claim a command is about: the tree node it was run on, the view's selection, or the claim at the cursor. */
  private async target(node: unknown, fromView = false): Promise<ClaimEntry | undefined> {
    if (isClaimNode(node)) return node.entry;
    if (fromView) {
      const selected = this.view.selection.find(isClaimNode);
      if (selected) return selected.entry;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor && AnalysisController.isSeed(editor.document)) {
      const document = editor.document;
      const result = this.controller.safely(() => this.controller.resultFor(document));
      const offset = document.offsetAt(editor.selection.active);
      const claim = result?.claims.find((c) => c.start <= offset && offset < c.end) ?? result?.claims.find((c) => c.start <= offset && offset <= c.end);
      if (claim) return { uri: document.uri, label: vscode.workspace.asRelativePath(document.uri, false), line: document.positionAt(claim.start).line + 1, claim };
    }
    return undefined;
  }

  /** Opens the claim's article and selects the claim (found again by id in the current text when it moved). */
  reveal = async (node?: unknown): Promise<void> => {
    const entry = await this.target(node, true);
    if (!entry) {
      say('pick a claim in the Claims view to reveal it.');
      return;
    }
    await this.show(entry.uri, entry.claim);
  };

  private async show(uri: vscode.Uri, claim: Claim, preserveFocus = false): Promise<vscode.TextEditor | undefined> {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      say(`${vscode.workspace.asRelativePath(uri)} could not be opened; it may have been deleted.`);
      this.store.scheduleScan();
      return undefined;
    }
    const fresh = AnalysisController.isSeed(document) ? this.controller.safely(() => this.controller.resultFor(document))?.claims : undefined;
    const current = fresh?.find((c) => c.id === claim.id) ?? claim;
    const end = Math.min(current.end, document.getText().length);
    const range = new vscode.Range(document.positionAt(Math.min(current.start, end)), document.positionAt(end));
    const editor = await vscode.window.showTextDocument(document, { selection: range, preserveFocus, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  copy = async (node?: unknown): Promise<void> => {
    const entry = await this.target(node, true);
    if (!entry) {
      say('put the cursor in a claim’s sentence, or pick a claim in the Claims view, to copy it.');
      return;
    }
    await vscode.env.clipboard.writeText(entry.claim.text.replace(/\s+/g, ' ').trim());
    vscode.window.setStatusBarMessage(`$(copy) Copied the claim: ${shorten(entry.claim.text, 60)}`, 3000);
  };

  /** The other articles that contain the claim (the same id, or another wording that aligns closely): opens the one picked. */
  showOtherArticles = async (node?: unknown): Promise<ClaimEntry[] | undefined> => {
    const entry = await this.target(node, true);
    if (!entry) {
      say('put the cursor in a claim’s sentence, or pick a claim in the Claims view, to find it in other articles.');
      return undefined;
    }
    await this.store.ready();
    const others = this.store.otherArticlesWith(entry.uri, entry.claim);
    if (!others.length) {
      say(`no other article of the workspace contains this claim (${quoted(entry.claim.text, 62)}).`);
      return others;
    }
    if (others.length === 1) {
      await this.show(others[0].uri, others[0].claim);
      return others;
    }
    const pick = await vscode.window.showQuickPick(
      others.map((e) => ({ label: `$(file) ${e.label}`, description: `line ${e.line}${baseClaimId(e.claim.id) === baseClaimId(entry.claim.id) ? '' : ' · near-identical'}`, detail: shorten(e.claim.text, 120), entry: e })),
      { title: `The same claim in ${others.length} other article${others.length === 1 ? '' : 's'}`, matchOnDetail: true },
    );
    if (pick) await this.show(pick.entry.uri, pick.entry.claim);
    return others;
  };

  // ---- editor navigation -----------------------------------------------------------------------------------

  nextClaim = () => this.step(1);
  previousClaim = () => this.step(-1);

  private async step(direction: 1 | -1): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !AnalysisController.isSeed(editor.document)) {
      say('open a seed article to move between its claims.');
      return;
    }
    const document = editor.document;
    const all = this.controller.safely(() => this.controller.resultFor(document))?.claims ?? [];
    const types = new Set(this.tree.types);
    const claims = all.filter((c) => c.score >= this.tree.minimumScore - 1e-9 && c.types.some((t) => types.has(t)));
    if (!claims.length) {
      say(all.length ? `none of the ${all.length} claims in this article pass the Claims view’s filters (minimum score ${this.tree.minimumScore}).` : 'this article has no claims.');
      return;
    }
    const offset = document.offsetAt(editor.selection.start);
    let target = direction === 1 ? claims.find((c) => c.start > offset) : [...claims].reverse().find((c) => c.start < offset);
    if (!target) {
      target = direction === 1 ? claims[0] : claims[claims.length - 1];
      vscode.window.setStatusBarMessage(direction === 1 ? 'Seed Annotator: back to the first claim' : 'Seed Annotator: on to the last claim', 3000);
    }
    const range = new vscode.Range(document.positionAt(target.start), document.positionAt(target.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (this.view.visible) {
      const node = this.tree.nodeOf(document.uri, target.id);
      if (node) void this.view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
    }
  }

  // ---- export ------------------------------------------------------------------------------------------------

  /**
   * Writes every claim of the workspace (one row per claim, unfiltered) to a JSON or CSV file, chosen by its
   * extension: the `target` argument, or a save dialog. The file is written next to the target under a temporary
   * name, then renamed over it. Returns the file written.
   */
  exportClaims = async (target?: unknown): Promise<vscode.Uri | undefined> => {
    let uri = target instanceof vscode.Uri ? target : typeof target === 'string' && target ? (/^[a-z][\w+.-]+:/i.test(target) && !/^[a-z]:\\/i.test(target) ? vscode.Uri.parse(target) : vscode.Uri.file(target)) : undefined;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading claims' }, () => this.store.ready());
    const collected: ClaimRow[] = [];
    for (const a of this.store.all()) for (const e of a.claims) collected.push({ path: e.label, line: e.line, claim: e.claim });
    // `elsewhere`: the same claim in the other articles, matched as the command line's `claims` matches it.
    const rows = withSameClaims(collected);
    if (!rows.length) {
      say(this.store.articleCount ? `the ${this.store.articleCount} articles of the workspace have no claims to export.` : 'there are no seed articles in this workspace, so no claims to export.');
      return undefined;
    }
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      uri = await vscode.window.showSaveDialog({
        title: `Export ${rows.length} claims`,
        saveLabel: 'Export',
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'claims.json') : undefined,
        filters: { JSON: ['json'], CSV: ['csv'] },
      });
      if (!uri) return undefined;
    }
    const csv = /\.csv$/i.test(uri.path);
    try {
      // JSON in chunks: a large workspace's claims are more than one string can hold.
      await replaceFileAt(uri, csv ? claimsToCsv(rows) : claimsJsonChunks(rows));
    } catch (error) {
      void vscode.window.showErrorMessage(`Seed Annotator: could not write ${uri.fsPath || uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    const articles = new Set(rows.map((r) => r.path)).size;
    void vscode.window.showInformationMessage(`Seed Annotator: exported ${rows.length} claims from ${articles} article${articles === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(uri)} (${csv ? 'CSV' : 'JSON'}).`, 'Open').then((c) => {
      if (c) void vscode.window.showTextDocument(uri);
    });
    return uri;
  };

  dispose(): void {
    this.openPick?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
