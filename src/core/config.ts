// The configuration file (.seed-annotator.json), shared by the CLI and the extension. JSON with comments.
// A malformed file never stops analysis: problems are reported with their position and defaults are used.

import { applyEdits, modify, parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import { RULES } from './rules';
import type { SeverityOrOff } from './types';

export const CONFIG_FILE_NAME = '.seed-annotator.json';

export interface SeedConfig {
  /** Severity per rule id, or "off". Rules not listed use their default. */
  rules: Record<string, SeverityOrOff>;
  /** Globs (relative to the config's folder) of the files a directory walk analyses. */
  include: string[];
  /** Globs of files never analysed. */
  exclude: string[];
  /** Duplicate detection: minimum passage length, similarity and the boilerplate cutoff. */
  duplicates: { minWords?: number; minSimilarity?: number; maxDocumentFrequency?: number };
}

export interface ConfigProblem {
  message: string;
  /** 1-based position in the config file. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export const DEFAULT_INCLUDE = ['**/*.txt', '**/*.seed', '**/*.md'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**', '**/.vscode-test/**'];
const SEVERITIES: readonly SeverityOrOff[] = ['error', 'warning', 'information', 'hint', 'off'];

export function defaultConfig(): SeedConfig {
  return { rules: {}, include: [...DEFAULT_INCLUDE], exclude: [...DEFAULT_EXCLUDE], duplicates: {} };
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses and validates a config file's text. Always returns a usable config. */
export function parseConfig(text: string): { config: SeedConfig; problems: ConfigProblem[] } {
  const config = defaultConfig();
  const problems: ConfigProblem[] = [];
  const errors: ParseError[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { config, problems };
  const value: unknown = parseJsonc(body, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    problems.push({ message: `Not valid JSON: ${describeParseError(printParseErrorCode(e.error))}. Using the default settings.`, ...positionOf(body, e.offset), severity: 'error' });
    return { config, problems };
  }
  const at = (key: string) => {
    const i = body.indexOf(JSON.stringify(key));
    return i >= 0 ? positionOf(body, i) : { line: 1, column: 1 };
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ message: 'The configuration must be a JSON object. Using the default settings.', line: 1, column: 1, severity: 'error' });
    return { config, problems };
  }
  const known = new Set(RULES.map((r) => r.id));
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === '$schema') continue;
    if (key === 'rules') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        problems.push({ message: '"rules" must be an object mapping rule ids to a severity.', ...at(key), severity: 'error' });
        continue;
      }
      for (const [rule, sev] of Object.entries(v as Record<string, unknown>)) {
        if (!known.has(rule)) {
          problems.push({ message: `Unknown rule "${rule}". Known rules: ${[...known].join(', ')}.`, ...at(rule), severity: 'warning' });
          continue;
        }
        if (typeof sev !== 'string' || !SEVERITIES.includes(sev as SeverityOrOff)) {
          problems.push({ message: `Rule "${rule}": severity must be one of ${SEVERITIES.join(', ')}.`, ...at(rule), severity: 'error' });
          continue;
        }
        config.rules[rule] = sev as SeverityOrOff;
      }
    } else if (key === 'include' || key === 'exclude') {
      if (!Array.isArray(v) || !v.every((g) => typeof g === 'string')) {
        problems.push({ message: `"${key}" must be an array of glob strings.`, ...at(key), severity: 'error' });
        continue;
      }
      config[key] = key === 'exclude' ? [...DEFAULT_EXCLUDE, ...v] : [...v];
    } else if (key === 'duplicates') {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        problems.push({ message: '"duplicates" must be an object.', ...at(key), severity: 'error' });
        continue;
      }
      const limits: Record<string, [number, number]> = { minWords: [5, 10000], minSimilarity: [0.3, 1], maxDocumentFrequency: [2, 1_000_000] };
      for (const [name, value] of Object.entries(v as Record<string, unknown>)) {
        const range = limits[name];
        if (!range) {
          problems.push({ message: `Unknown duplicates setting "${name}" (known: ${Object.keys(limits).join(', ')}).`, ...at(name), severity: 'warning' });
        } else if (typeof value !== 'number' || value < range[0] || value > range[1]) {
          problems.push({ message: `duplicates.${name} must be a number from ${range[0]} to ${range[1]}.`, ...at(name), severity: 'error' });
        } else {
          config.duplicates[name as keyof SeedConfig['duplicates']] = value;
        }
      }
    } else {
      problems.push({ message: `Unknown setting "${key}" (known: rules, include, exclude, duplicates).`, ...at(key), severity: 'warning' });
    }
  }
  return { config, problems };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Whether a path (relative to the config's folder, with forward slashes) is analysed in a directory walk. */
export function createFileFilter(config: SeedConfig): (relativePath: string) => boolean {
  const include = picomatch(config.include, { dot: false });
  const exclude = picomatch(config.exclude, { dot: true });
  return (relativePath) => {
    const p = relativePath.replace(/\\/g, '/');
    return include(p) && !exclude(p);
  };
}

/** Whether a path is excluded (explicit files are analysed unless excluded). */
export function createExcludeFilter(config: SeedConfig): (relativePath: string) => boolean {
  const exclude = picomatch(config.exclude, { dot: true });
  return (relativePath) => exclude(relativePath.replace(/\\/g, '/'));
}

/** A folder with the config that governs it: its own config file's, or the defaults. */
export interface FolderConfig {
  /** The folder's path, with `/` separators and no trailing `/`. */
  folder: string;
  config: SeedConfig;
}

const excludeFilters = new WeakMap<SeedConfig, (relativePath: string) => boolean>();
const fileFilters = new WeakMap<SeedConfig, (relativePath: string) => boolean>();

/**
 * The config that applies to a file, and whether it excludes the file: the config of the innermost folder holding
 * it (each folder of a multi-root workspace has its own), with `exclude` matched against the file's path relative
 * to that folder, the config file's folder, as the CLI matches it; `included` says whether a walk of the folder takes
 * it (`include`, and not `exclude`). A file in no folder gets the defaults.
 */
export function configForPath(path: string, folders: readonly FolderConfig[]): { config: SeedConfig; folder?: string; relativePath: string; excluded: boolean; included: boolean } {
  const normal = path.replace(/\\/g, '/');
  let owner: FolderConfig | undefined;
  for (const f of folders) {
    const inside = normal === f.folder || normal.startsWith(f.folder.endsWith('/') ? f.folder : `${f.folder}/`);
    if (inside && (!owner || f.folder.length > owner.folder.length)) owner = f;
  }
  if (!owner) return { config: defaultConfig(), relativePath: normal, excluded: false, included: false };
  const relativePath = normal.slice(owner.folder.length).replace(/^\//, '');
  let isExcluded = excludeFilters.get(owner.config);
  if (!isExcluded) excludeFilters.set(owner.config, (isExcluded = createExcludeFilter(owner.config)));
  let isIncluded = fileFilters.get(owner.config);
  if (!isIncluded) fileFilters.set(owner.config, (isIncluded = createFileFilter(owner.config)));
  return { config: owner.config, folder: owner.folder, relativePath, excluded: isExcluded(relativePath), included: isIncluded(relativePath) };
}

/** The text of a new config file. */
export function newConfigText(): string {
  return JSON.stringify({ rules: Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])), include: DEFAULT_INCLUDE, exclude: [] }, null, 2) + '\n';
}

/**
 * Returns the config text with one rule's severity set, keeping comments and layout; undefined when the text is
 * not valid JSON (a broken file is never rewritten).
 */
export function withRuleSeverity(text: string, rule: string, severity: SeverityOrOff): string | undefined {
  const errors: ParseError[] = [];
  const base = text.trim() ? text : '{}';
  const value: unknown = parseJsonc(base, errors, { allowTrailingComma: true });
  if (errors.length || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const edits = modify(base, ['rules', rule], severity, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
  return applyEdits(base, edits);
}
