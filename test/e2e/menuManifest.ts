/**
 * The extension's menus as package.json declares them, read at run time, so
 * a menu entry added there is a test case without anyone writing one: every
 * `contributes.menus` entry of the places a person clicks (a view's title
 * bar, a row's context menu and inline buttons, an editor's title bar) and
 * every command the Command Palette lists, with its title as package.nls.json
 * spells it. Also a small evaluator of VS Code's `when` clauses, enough to
 * choose a state of the workbench in which an entry shows.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The menus a person reaches, in the words of `contributes.menus` (the palette also lists commands it does not name). */
export type Place = 'view/title' | 'view/item/context' | 'editor/title' | 'commandPalette';

export interface MenuEntry {
  readonly place: Place;
  readonly command: string;
  /** What a person reads: the command's title, resolved through package.nls.json. */
  readonly title: string;
  /** The palette shows `<category>: <title>`. */
  readonly category: string | undefined;
  readonly when: string | undefined;
  readonly group: string | undefined;
  /** A row's inline button (group `inline`), shown when the row is hovered. */
  readonly inline: boolean;
  /**
   * A title-bar entry outside the `navigation` group: it sits behind the
   * "…" menu instead of being a button.
   */
  readonly overflow: boolean;
  /** True for a palette command that `contributes.menus.commandPalette` does not name: VS Code lists it always. */
  readonly implicit: boolean;
  /** Position in its menu, to tell two entries of one command apart. */
  readonly index: number;
}

interface RawCommand {
  command: string;
  title: string;
  category?: string;
}

interface RawMenuItem {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}

interface Manifest {
  contributes: { commands: RawCommand[]; menus: Partial<Record<string, RawMenuItem[]>> };
}

const PLACES: readonly Place[] = ['view/title', 'view/item/context', 'editor/title'];

function localize(text: string, nls: Record<string, string>): string {
  const key = /^%(.+)%$/.exec(text)?.[1];
  if (key === undefined) return text;
  const value = nls[key];
  if (value === undefined) throw new Error(`package.nls.json has no "${key}"`);
  return value;
}

/** Every entry a person can click, in the order package.json lists them. */
export function readMenuEntries(root: string): MenuEntry[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const commands = new Map(manifest.contributes.commands.map((c) => [c.command, c]));
  const describe = (command: string) => {
    const raw = commands.get(command);
    if (!raw) throw new Error(`a menu names ${command}, which contributes.commands does not declare`);
    return { title: localize(raw.title, nls), category: raw.category === undefined ? undefined : localize(raw.category, nls) };
  };
  const entries: MenuEntry[] = [];
  for (const place of PLACES) {
    (manifest.contributes.menus[place] ?? []).forEach((item, index) => {
      if (item.command === undefined) throw new Error(`${place}[${index}] is a submenu: teach menus.test.ts to open submenus`);
      const group = item.group;
      const inline = place === 'view/item/context' && /^inline\b/.test(group ?? '');
      const overflow = place !== 'view/item/context' && !/^navigation\b/.test(group ?? '');
      entries.push({ place, command: item.command, ...describe(item.command), when: item.when, group, inline, overflow, implicit: false, index });
    });
  }
  // The palette lists every command, unless its commandPalette entry says when.
  const palette = manifest.contributes.menus.commandPalette ?? [];
  manifest.contributes.commands.forEach((raw, index) => {
    const item = palette.find((p) => p.command === raw.command);
    if (item?.when?.trim() === 'false') return;
    entries.push({
      place: 'commandPalette',
      command: raw.command,
      ...describe(raw.command),
      when: item?.when,
      group: undefined,
      inline: false,
      overflow: false,
      implicit: item === undefined,
      index,
    });
  });
  return entries;
}

/** How a test names an entry: where it is, how it is reached, and what it says. */
export function entryName(entry: MenuEntry): string {
  const where =
    entry.place === 'commandPalette'
      ? `palette${entry.implicit ? ' (always listed)' : ''}`
      : entry.place === 'view/item/context'
        ? entry.inline
          ? `row inline button (${entry.group})`
          : `row context menu (${entry.group ?? 'no group'})`
        : `${entry.place} ${entry.overflow ? '"…" menu' : 'button'} (${entry.group ?? 'no group'})`;
  return `${where}: ${entry.title} [${entry.command}]`;
}

// ---------------------------------------------------------------------------
// `when` clauses

/** What a context key holds in one state of the workbench; a key not listed is unknown to the test. */
export type ContextValues = Readonly<Record<string, string | boolean | undefined>>;

export class UnknownContextKey extends Error {
  constructor(readonly key: string) {
    super(`the when clause reads "${key}", which menus.test.ts knows no value of: add it to the states there`);
  }
}

type Token =
  | { kind: 'op'; value: '&&' | '||' | '!' | '==' | '!=' | '=~' | '(' | ')' }
  | { kind: 'word'; value: string }
  | { kind: 'regex'; value: RegExp };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const op = /^(&&|\|\||==|!=|=~|!|\(|\))/.exec(rest);
    if (op) {
      const value = op[1] as '&&' | '||' | '!' | '==' | '!=' | '=~' | '(' | ')';
      tokens.push({ kind: 'op', value });
      i += value.length;
      if (value === '=~') {
        const regex = /^\s*\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(text.slice(i));
        if (!regex) throw new Error(`a regular expression must follow =~ in: ${text}`);
        tokens.push({ kind: 'regex', value: new RegExp(regex[1] ?? '', regex[2]) });
        i += regex[0].length;
      }
      continue;
    }
    const quoted = /^'([^']*)'/.exec(rest);
    if (quoted) {
      tokens.push({ kind: 'word', value: quoted[1] ?? '' });
      i += quoted[0].length;
      continue;
    }
    const word = /^[^\s!=&|()']+/.exec(rest);
    if (!word) throw new Error(`cannot read "${rest}" in: ${text}`);
    tokens.push({ kind: 'word', value: word[0] });
    i += word[0].length;
  }
  return tokens;
}

/**
 * Evaluates a `when` clause the way VS Code does for the operators
 * package.json uses (&&, ||, !, ==, !=, =~, parentheses). A key the
 * context does not list throws, so a new key makes a test say so instead of
 * passing in a state the test never meant.
 */
export function evaluateWhen(when: string | undefined, context: ContextValues): boolean {
  if (when === undefined || when.trim() === '') return true;
  const tokens = tokenize(when);
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (value: string) => {
    const t = peek();
    return t?.kind === 'op' && t.value === value;
  };
  const lookup = (key: string): string | boolean | undefined => {
    if (key === 'true') return true;
    if (key === 'false') return false;
    if (!(key in context)) throw new UnknownContextKey(key);
    return context[key];
  };
  const word = (): string => {
    const t = tokens[at++];
    if (t?.kind !== 'word') throw new Error(`expected a key or value in: ${when}`);
    return t.value;
  };
  const primary = (): boolean => {
    if (isOp('!')) {
      at++;
      return !primary();
    }
    if (isOp('(')) {
      at++;
      const value = or();
      if (!isOp(')')) throw new Error(`missing ) in: ${when}`);
      at++;
      return value;
    }
    const key = word();
    if (isOp('==') || isOp('!=')) {
      const negate = isOp('!=');
      at++;
      const expected = word();
      const actual = lookup(key);
      const equal = actual !== undefined && String(actual) === expected;
      return negate ? !equal : equal;
    }
    if (isOp('=~')) {
      at++;
      const t = tokens[at++];
      if (t?.kind !== 'regex') throw new Error(`expected a regular expression in: ${when}`);
      const actual = lookup(key);
      return typeof actual === 'string' && t.value.test(actual);
    }
    const value = lookup(key);
    return value !== undefined && value !== false && value !== '';
  };
  const and = (): boolean => {
    let value = primary();
    while (isOp('&&')) {
      at++;
      // Both sides are read, so an unknown key anywhere is reported.
      const right = primary();
      value = value && right;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (isOp('||')) {
      at++;
      const right = and();
      value = value || right;
    }
    return value;
  };
  const result = or();
  if (at !== tokens.length) throw new Error(`cannot read the end of: ${when}`);
  return result;
}
