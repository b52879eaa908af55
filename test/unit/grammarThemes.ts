/**
 * The colour themes VS Code ships, and how VS Code resolves a token's colour
 * in them (the most specific selector per scope, inner scopes over outer
 * ones): what the grammar tests hold the log grammars to. The theme files
 * are the ones of the code-server the integration tests run, found (or
 * installed) through the harness's cache.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runtimePaths } from '../harness/paths';

export function themesDir(): string {
  return path.join(runtimePaths().codeServerDir, 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'theme-defaults', 'themes');
}

/** The default themes a person picks from, by the labels VS Code shows; the first four must be there. */
export const REQUIRED_THEMES = {
  'Dark Modern': 'dark_modern.json',
  'Light Modern': 'light_modern.json',
  'Dark High Contrast': 'hc_black.json',
  'Light High Contrast': 'hc_light.json',
} as const;
export const OTHER_THEMES = { 'Dark+': 'dark_plus.json', 'Light+': 'light_plus.json', 'Dark 2026': '2026-dark.json', 'Light 2026': '2026-light.json' } as const;

interface ThemeRule {
  readonly scope?: string | readonly string[];
  readonly settings: { readonly foreground?: string; readonly fontStyle?: string };
}
export interface Theme {
  readonly name: string;
  readonly rules: readonly ThemeRule[];
  readonly foreground: string;
}

/** Theme files are JSON with comments and trailing commas. */
function parseJsonc(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1')) as unknown;
}

interface ThemeFile {
  readonly name?: string;
  readonly include?: string;
  readonly type?: string;
  readonly colors?: Record<string, string>;
  readonly tokenColors?: readonly ThemeRule[] | string;
}

function loadTheme(file: string): { rules: ThemeRule[]; foreground: string | undefined; type: string | undefined } {
  const json = parseJsonc(fs.readFileSync(file, 'utf8')) as ThemeFile;
  const base = json.include !== undefined ? loadTheme(path.join(path.dirname(file), json.include)) : { rules: [], foreground: undefined, type: undefined };
  assert.ok(json.tokenColors === undefined || Array.isArray(json.tokenColors), `${file}: tokenColors in a separate file is not read here`);
  return {
    rules: [...base.rules, ...((json.tokenColors as readonly ThemeRule[] | undefined) ?? [])],
    foreground: json.colors?.['editor.foreground'] ?? base.foreground,
    type: json.type ?? base.type,
  };
}

/** VS Code's editor foreground when a theme leaves it out. */
const DEFAULT_FOREGROUND: Record<string, string> = { dark: '#d4d4d4', light: '#000000', hc: '#ffffff', hcLight: '#292929' };

export function theme(name: string, file: string): Theme {
  const loaded = loadTheme(path.join(themesDir(), file));
  const kind = file.startsWith('hc_light') ? 'hcLight' : file.startsWith('hc_') ? 'hc' : (loaded.type ?? (file.includes('light') ? 'light' : 'dark'));
  return { name, rules: loaded.rules, foreground: normalize(loaded.foreground ?? DEFAULT_FOREGROUND[kind] ?? '#000000') };
}

export function normalize(color: string): string {
  let c = color.trim().toLowerCase();
  if (/^#[0-9a-f]{3,4}$/.test(c)) c = `#${[...c.slice(1)].map((d) => d + d).join('')}`;
  // A fully opaque alpha says nothing more.
  if (/^#[0-9a-f]{8}$/.test(c) && c.endsWith('ff')) c = c.slice(0, 7);
  return c;
}

function selectorsOf(rule: ThemeRule): string[] {
  if (rule.scope === undefined) return [];
  const list = typeof rule.scope === 'string' ? rule.scope.split(',') : [...rule.scope];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

function scopeMatches(selector: string, scope: string): boolean {
  return scope === selector || scope.startsWith(`${selector}.`);
}

/** How well `selector` (`a.b c.d`) fits the scope at `depth` of `stack`; undefined when it does not. */
function fit(selector: string, stack: readonly string[], depth: number): [number, number] | undefined {
  const parts = selector.split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p === '>' || p.startsWith('-'))) return undefined;
  if (!scopeMatches(last, stack[depth] ?? '')) return undefined;
  let at = depth - 1;
  for (let k = parts.length - 2; k >= 0; k--) {
    while (at >= 0 && !scopeMatches(parts[k] ?? '', stack[at] ?? '')) at--;
    if (at < 0) return undefined;
    at--;
  }
  return [last.split('.').length, parts.length];
}

/** The foreground and font style of a token with these scopes. */
export function styleOf(t: Theme, stack: readonly string[]): { foreground: string; fontStyle: string } {
  let foreground = t.foreground;
  let fontStyle = '';
  for (let depth = 0; depth < stack.length; depth++) {
    let bestColor: { score: [number, number]; index: number; value: string } | undefined;
    let bestStyle: { score: [number, number]; index: number; value: string } | undefined;
    t.rules.forEach((rule, index) => {
      for (const selector of selectorsOf(rule)) {
        const score = fit(selector, stack, depth);
        if (!score) continue;
        const better = (b: { score: [number, number]; index: number } | undefined) =>
          !b || score[0] > b.score[0] || (score[0] === b.score[0] && (score[1] > b.score[1] || (score[1] === b.score[1] && index >= b.index)));
        if (rule.settings.foreground !== undefined && better(bestColor)) bestColor = { score, index, value: rule.settings.foreground };
        if (rule.settings.fontStyle !== undefined && better(bestStyle)) bestStyle = { score, index, value: rule.settings.fontStyle };
      }
    });
    if (bestColor) foreground = normalize(bestColor.value);
    if (bestStyle) fontStyle = bestStyle.value.trim();
  }
  return { foreground, fontStyle };
}
