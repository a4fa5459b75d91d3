// `analyze --format sarif`: a SARIF 2.1.0 log (the format GitHub code scanning and other CI viewers read).
//
// Positions: SARIF lines and columns are 1-based and, with run.columnKind "utf16CodeUnits" (SARIF's default, set
// explicitly here), columns count UTF-16 code units, which is what the analysis counts; charOffset/charLength are the
// finding's offsets into the text without its BOM. Paths are URIs relative to %SRCROOT% (the working directory), with
// forward slashes and percent-encoding; a file outside the working directory gets an absolute file: URI.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineIndex, RULES, splitLines, type Finding, type SeverityOrOff } from '../core';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
export const FINGERPRINT = 'seedAnnotator/v1';
const SRCROOT = '%SRCROOT%';

/** A finding as the CLI's JSON carries it. */
export type CliFinding = Omit<Finding, 'data'>;

export type NotificationLevel = 'error' | 'warning' | 'note';

export interface SarifNotification {
  level: NotificationLevel;
  message: string;
  /** A file it concerns, as the CLI names it, and optionally a position in it (1-based). */
  path?: string;
  line?: number;
  column?: number;
}

export interface SarifInput {
  cwd: string;
  version: string;
  /** The analysed files, as the CLI names them, with their text (without BOM). */
  files: Array<{ path: string; text: string }>;
  /** Reported findings, `file` indexing `files`; `fingerprint` keys the finding across edits. */
  results: Array<{ file: number; finding: CliFinding; fingerprint: string }>;
  /** Files skipped or missing, and other messages about the run. */
  notifications: SarifNotification[];
  /** Problems in the configuration file. */
  configNotifications: SarifNotification[];
  exitCode: number;
  executionSuccessful: boolean;
}

export function sarifLevel(severity: SeverityOrOff): 'error' | 'warning' | 'note' | 'none' {
  switch (severity) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'off':
      return 'none';
    default:
      return 'note';
  }
}

/** `unattributed-quote` → `UnattributedQuote`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** A path as a SARIF artifact location: relative to %SRCROOT% when inside the working directory. */
export function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  if (rel && rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  }
  return { uri: pathToFileURL(abs).href };
}

export function sarifRules() {
  return RULES.map((r) => ({
    id: r.id,
    name: pascalCase(r.id),
    shortDescription: { text: r.description },
    fullDescription: { text: r.docs },
    help: {
      text: `${r.description}\n\n${r.docs}\n\nTurn it off or change its severity in .seed-annotator.json: { "rules": { "${r.id}": "off" } }`,
      markdown: `**${r.description}**\n\n${r.docs}\n\nTurn it off or change its severity in \`.seed-annotator.json\`:\n\n\`\`\`json\n{ "rules": { "${r.id}": "off" } }\n\`\`\``,
    },
    defaultConfiguration: r.defaultSeverity === 'off' ? { enabled: false, level: 'none' as const } : { level: sarifLevel(r.defaultSeverity) },
  }));
}

/** Square brackets are escaped in a message that carries embedded links (SARIF §3.11.6). */
function escapeBrackets(text: string): string {
  return text.replace(/[[\]\\]/g, (c) => '\\' + c);
}

function region(index: LineIndex, start: number, end: number) {
  const s = index.position(start);
  const e = index.position(end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column, charOffset: start, charLength: end - start };
}

export function buildSarif(input: SarifInput) {
  const { cwd } = input;
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  // Artifacts: one per distinct location (a file named twice on the command line is one artifact).
  const artifacts: Array<{ location: { uri: string; uriBaseId?: string }; roles?: string[] }> = [];
  const artifactByUri = new Map<string, number>();
  const artifactOf = (path: string, analysed: boolean): { uri: string; uriBaseId?: string; index: number } => {
    const loc = artifactLocation(path, cwd);
    const key = `${loc.uriBaseId ?? ''}|${loc.uri}`;
    let index = artifactByUri.get(key);
    if (index === undefined) {
      index = artifacts.length;
      artifacts.push({ location: loc, ...(analysed ? { roles: ['analysisTarget'] } : {}) });
      artifactByUri.set(key, index);
    }
    return { ...loc, index };
  };
  const fileByPath = new Map<string, number>();
  input.files.forEach((f, i) => {
    artifactOf(f.path, true);
    if (!fileByPath.has(f.path)) fileByPath.set(f.path, i);
  });
  const lineIndexes = new Map<number, LineIndex>();
  const lineIndexOf = (i: number) => {
    let index = lineIndexes.get(i);
    if (!index) lineIndexes.set(i, (index = new LineIndex(splitLines(input.files[i].text))));
    return index;
  };

  const results = input.results.map(({ file, finding: f, fingerprint }) => {
    const path = input.files[file].path;
    const related = (f.related ?? []).map((r, k) => {
      const otherPath = r.path ?? path;
      const other = fileByPath.get(otherPath);
      const text = other === undefined ? undefined : input.files[other].text;
      const inRange = text !== undefined && r.start >= 0 && r.start <= r.end && r.end <= text.length;
      return {
        id: k + 1,
        physicalLocation: {
          artifactLocation: artifactOf(otherPath, other !== undefined),
          region: inRange ? region(lineIndexOf(other!), r.start, r.end) : { startLine: r.line, endLine: r.endLine, charOffset: r.start, charLength: Math.max(0, r.end - r.start) },
        },
        message: { text: r.message },
      };
    });
    const message = related.length ? `${escapeBrackets(f.message)} See [${related.length === 1 ? related[0].message.text.toLowerCase() : 'the other copies'}](1).` : f.message;
    return {
      ruleId: f.rule,
      ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule)! } : {}),
      level: sarifLevel(f.severity),
      message: { text: message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactOf(path, true),
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn, charOffset: f.start, charLength: f.end - f.start },
          },
        },
      ],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT]: fingerprint },
    };
  });

  const notification = (n: SarifNotification, descriptor: string) => ({
    level: n.level,
    message: { text: n.message },
    descriptor: { id: descriptor },
    ...(n.path !== undefined
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(n.path, cwd),
                ...(n.line ? { region: { startLine: n.line, ...(n.column ? { startColumn: n.column } : {}) } } : {}),
              },
            },
          ],
        }
      : {}),
  });
  // Notifications are unique items in the schema.
  const unique = <T>(items: T[]) => [...new Map(items.map((x) => [JSON.stringify(x), x])).values()];
  const execution = unique(input.notifications.map((n) => notification(n, 'input')));
  const configuration = unique(input.configNotifications.map((n) => notification(n, 'config')));

  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: 'seed-annotator',
            semanticVersion: input.version,
            version: input.version,
            rules: sarifRules(),
          },
        },
        invocations: [
          {
            executionSuccessful: input.executionSuccessful,
            exitCode: input.exitCode,
            ...(execution.length ? { toolExecutionNotifications: execution } : {}),
            ...(configuration.length ? { toolConfigurationNotifications: configuration } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        artifacts,
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
