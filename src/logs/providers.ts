/**
 * The `vercel-log` language's features: the build's steps as document symbols
 * (Outline, breadcrumbs) and folding ranges, links (https URLs, and file
 * references that name an existing workspace file), and a hover showing the
 * referenced line. Every provider reads the follower's model, parsed once as
 * it grew; none parses the document's text.
 *
 * Log text is untrusted: hovers are untrusted MarkdownStrings built with
 * appendText/appendCodeblock, and links only ever point at http(s) pages or
 * workspace files.
 */
import * as vscode from 'vscode';
import { LOG_LANGUAGE } from '../constants';
import type { LogFollower, LogFollowers } from './follower';
import { fileRefAt, lineIndexOf } from './lineIndex';
import { refOfLogUri } from './logFileSystem';
import type { LogStep } from './logTypes';
import type { FileRef } from './problems';
import type { PathContext, WorkspaceFiles } from './workspaceFiles';

export interface LogProvidersDeps {
  readonly followers: LogFollowers;
  /** Lines the document shows above the model's first line. */
  readonly headerLines: (id: string) => number;
  /** Columns before each line's text (the timestamp prefix). */
  readonly prefixWidth: () => number;
  readonly files: WorkspaceFiles;
}

/** Links per document at most: a log of a million warnings must not make a million links. */
const MAX_LINKS = 5000;
/** Files larger than this are not read for a hover. */
const MAX_HOVER_FILE_BYTES = 4 * 1024 * 1024;

export function registerLogProviders(deps: LogProvidersDeps): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: LOG_LANGUAGE };
  const providers = new LogProviders(deps);
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, providers, { label: vscode.l10n.t('Build steps') }),
    vscode.languages.registerFoldingRangeProvider(selector, providers),
    vscode.languages.registerDocumentLinkProvider(selector, providers),
    vscode.languages.registerHoverProvider(selector, providers),
  );
}

export class LogProviders implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider, vscode.DocumentLinkProvider, vscode.HoverProvider {
  constructor(private readonly deps: LogProvidersDeps) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const view = this.view(document);
    if (!view) return [];
    const toSymbol = (step: LogStep): vscode.DocumentSymbol | undefined => {
      const start = view.docLine(step.startLine);
      if (start === undefined) return undefined;
      const end = view.docLine(step.endLine) ?? document.lineCount - 1;
      const range = new vscode.Range(start, 0, Math.max(start, end), document.lineAt(Math.max(start, end)).text.length);
      const selection = document.lineAt(start).range;
      const detail = [step.failed ? vscode.l10n.t('failed') : undefined, step.detail].filter((d) => d !== undefined && d !== '').join(' · ');
      const symbol = new vscode.DocumentSymbol(
        step.failed ? `${step.name} ✗` : step.name,
        detail,
        step.failed ? vscode.SymbolKind.Event : SYMBOL_KINDS[step.kind],
        range,
        selection,
      );
      symbol.children = (step.children ?? []).map(toSymbol).filter((s): s is vscode.DocumentSymbol => s !== undefined);
      return symbol;
    };
    return view.follower.model.steps.map(toSymbol).filter((s): s is vscode.DocumentSymbol => s !== undefined);
  }

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const view = this.view(document);
    if (!view) return [];
    const ranges: vscode.FoldingRange[] = [];
    const visit = (step: LogStep): void => {
      const start = view.docLine(step.startLine);
      const end = view.docLine(step.endLine) ?? document.lineCount - 1;
      if (start !== undefined && end > start) ranges.push(new vscode.FoldingRange(start, end, vscode.FoldingRangeKind.Region));
      for (const child of step.children ?? []) visit(child);
    };
    for (const step of view.follower.model.steps) visit(step);
    return ranges;
  }

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const view = this.view(document);
    if (!view) return [];
    const index = await lineIndexOf(view.follower.model).references(() => token.isCancellationRequested);
    const links: vscode.DocumentLink[] = [];
    for (const [line, urls] of index.urls) {
      const docLine = view.docLine(line);
      if (docLine === undefined) continue;
      for (const url of urls) {
        const target = httpUri(url.url);
        if (target && links.length < MAX_LINKS) links.push(new vscode.DocumentLink(view.range(docLine, url.start, url.end), target));
      }
    }
    const context = await view.pathContext();
    if (!context || token.isCancellationRequested) return links;
    const pending: Promise<void>[] = [];
    for (const [line, refs] of index.fileRefs) {
      const docLine = view.docLine(line);
      if (docLine === undefined) continue;
      for (const ref of refs) {
        if (links.length + pending.length >= MAX_LINKS) break;
        pending.push(
          this.deps.files.resolve(context, ref.path).then((file) => {
            if (!file) return;
            const link = new vscode.DocumentLink(view.range(docLine, ref.start, ref.end), withPosition(file.uri, ref));
            link.tooltip = vscode.l10n.t('Open {0}', file.relative);
            links.push(link);
          }),
        );
      }
    }
    await Promise.all(pending);
    return links;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const view = this.view(document);
    if (!view) return undefined;
    const line = view.modelLine(position.line);
    if (line === undefined) return undefined;
    const ref = fileRefAt(view.follower.model, line, position.character - this.deps.prefixWidth());
    if (!ref || ref.line === undefined) return undefined;
    const context = await view.pathContext();
    const file = context && (await this.deps.files.resolve(context, ref.path));
    if (!file || token.isCancellationRequested) return undefined;
    const text = await lineOfFile(file.uri, ref.line);
    if (text === undefined) return undefined;
    const markdown = new vscode.MarkdownString();
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    markdown.appendText(`${file.relative}:${ref.line}${ref.column !== undefined ? `:${ref.column}` : ''}`);
    markdown.appendCodeblock(text, languageOf(file.relative));
    return new vscode.Hover(markdown, view.range(position.line, ref.start, ref.end));
  }

  /** How a log document's lines and columns meet its follower's model. */
  private view(document: vscode.TextDocument) {
    const ref = refOfLogUri(document.uri);
    const follower = ref && this.deps.followers.find(ref.id);
    if (!follower) return undefined;
    const header = this.deps.headerLines(follower.ref.id);
    const prefix = this.deps.prefixWidth();
    const last = document.lineCount - 1;
    const files = this.deps.files;
    return {
      follower,
      /** Undefined when the document does not show that model line yet. */
      docLine: (modelLine: number): number | undefined => (header + modelLine <= last ? header + modelLine : undefined),
      modelLine: (docLine: number): number | undefined => (docLine >= header && docLine - header < follower.model.lines.length ? docLine - header : undefined),
      range: (docLine: number, start: number, end: number): vscode.Range => new vscode.Range(docLine, prefix + start, docLine, prefix + end),
      pathContext: (): Promise<PathContext | undefined> => pathContextOf(follower, files),
    };
  }
}

const SYMBOL_KINDS = {
  phase: vscode.SymbolKind.Namespace,
  command: vscode.SymbolKind.Function,
  delimiter: vscode.SymbolKind.Module,
} as const satisfies Record<LogStep['kind'], vscode.SymbolKind>;

/** Where a deployment's printed paths point; undefined when no linked folder holds its project. */
export async function pathContextOf(follower: LogFollower, files: WorkspaceFiles): Promise<PathContext | undefined> {
  const project = files.projectOf(follower.ref.id, follower.projectId);
  return project ? files.contextOf(project) : undefined;
}

function httpUri(text: string): vscode.Uri | undefined {
  try {
    const uri = vscode.Uri.parse(text, true);
    return uri.scheme === 'https' || uri.scheme === 'http' ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** A file URI that opens at the reference's line and column (`#L12,5`, read by VS Code's opener). */
export function withPosition(uri: vscode.Uri, ref: Pick<FileRef, 'line' | 'column'>): vscode.Uri {
  if (ref.line === undefined) return uri;
  return uri.with({ fragment: ref.column !== undefined ? `L${ref.line},${ref.column}` : `L${ref.line}` });
}

async function lineOfFile(uri: vscode.Uri, line: number): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_HOVER_FILE_BYTES) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    let start = 0;
    for (let i = 1; i < line; i++) {
      const next = text.indexOf('\n', start);
      if (next < 0) return undefined;
      start = next + 1;
    }
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
  } catch {
    return undefined;
  }
}

const LANGUAGES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescriptreact',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascriptreact',
  json: 'json',
  css: 'css',
  scss: 'scss',
  less: 'less',
  html: 'html',
  vue: 'vue',
  svelte: 'svelte',
  md: 'markdown',
  mdx: 'mdx',
  py: 'python',
  go: 'go',
  rs: 'rust',
};

function languageOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && LANGUAGES[file.slice(dot + 1).toLowerCase()]) || '';
}
