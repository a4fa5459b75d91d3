// Reading articles from disk for the CLI: directory walks with the config's globs, binary detection, BOM.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, createExcludeFilter, createFileFilter, parseConfig, type ConfigProblem, type SeedConfig } from '../core';

export interface LoadedConfig {
  config: SeedConfig;
  path?: string;
  problems: ConfigProblem[];
}

/** Finds .seed-annotator.json in `from` or its parents. */
export function findConfig(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(path: string | undefined): LoadedConfig {
  if (!path) return { config: parseConfig('').config, problems: [] };
  const { config, problems } = parseConfig(readFileSync(path, 'utf8'));
  return { config, path, problems };
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

export type ReadResult = { kind: 'text'; text: string } | { kind: 'binary' } | { kind: 'error'; message: string };

/** Reads a file as UTF-8 text without its BOM (offsets then match VS Code's TextDocument). */
export function readArticle(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { kind: 'error', message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary' };
  let text = UTF8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { kind: 'text', text };
}

/** A file's text as readArticle reads it; empty when it is no longer readable text (a worker reading a listed file). */
export function readText(path: string): string {
  const read = readArticle(path);
  return read.kind === 'text' ? read.text : '';
}

/** The folder the config's globs are relative to: the config file's, or the working directory without one. */
export function configFolder(loaded: LoadedConfig): string {
  return loaded.path ? dirname(resolve(loaded.path)) : process.cwd();
}

/**
 * Expands the command line's paths: files as given, directories walked with include/exclude. The globs are matched
 * against paths relative to the config file's folder (`configDir`; the working directory when there is no config
 * file), as the editor matches them against paths relative to the workspace folder holding the config file. A path
 * outside that folder is matched relative to the directory named on the command line.
 */
export function expandPaths(paths: string[], config: SeedConfig, configDir = process.cwd()): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const isExcluded = createExcludeFilter(config);
  const isIncluded = createFileFilter(config);
  const base = resolve(configDir);
  const globPath = (full: string, fallback: string): string => {
    const rel = relative(base, full);
    return (rel.startsWith('..') || isAbsolute(rel) ? fallback : rel).split(sep).join('/');
  };
  for (const p of paths) {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (stat.isDirectory()) {
      const root = resolve(p);
      const walk = (dir: string) => {
        let entries;
        try {
          entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        } catch {
          missing.push(dir);
          return;
        }
        for (const e of entries) {
          const full = join(dir, e.name);
          const rel = globPath(full, relative(root, full));
          if (e.isDirectory()) {
            if (!isExcluded(rel + '/') && !isExcluded(rel)) walk(full);
          } else if (e.isFile() && isIncluded(rel)) {
            files.push(join(p, relative(root, full)));
          }
        }
      };
      walk(root);
    } else if (!isExcluded(globPath(resolve(p), p))) {
      files.push(p);
    }
  }
  return { files, missing };
}
