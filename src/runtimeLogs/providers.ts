/**
 * The `vercel-runtime-log` language's features: each request a symbol (the
 * Outline and breadcrumbs: method, path, status) and a fold; stack frames
 * that name a workspace file as links to its line, with that line on hover;
 * "Load older…" (or Retry) above the first line. Every provider reads the
 * follower's model, parsed once as it grew; none parses the document.
 *
 * Log text is untrusted: hovers are untrusted MarkdownStrings built with
 * appendText/appendCodeblock, and links only ever point at workspace files.
 */
import * as vscode from 'vscode';
import { Commands, RUNTIME_LOG_LANGUAGE } from '../constants';
import { atLine, type FrameFiles } from './frameFiles';
import { HEADER_LINES, refOfRuntimeLogUri } from './fileSystem';
import type { RuntimeLogFollower, RuntimeLogFollowers } from './follower';

/** Links per document at most, the newest frames first. */
const MAX_LINKS = 5000;
/** Symbols per document at most, the newest requests. */
const MAX_SYMBOLS = 20_000;
const MAX_HOVER_FILE_BYTES = 4 * 1024 * 1024;

export interface RuntimeProvidersDeps {
  readonly followers: RuntimeLogFollowers;
  readonly frames: FrameFiles;
}

export function registerRuntimeLogProviders(deps: RuntimeProvidersDeps): vscode.Disposable {
  const selector: vscode.DocumentSelector = { language: RUNTIME_LOG_LANGUAGE };
  const providers = new RuntimeLogProviders(deps);
  const lenses = new OlderLens(deps.followers);
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(selector, providers, { label: vscode.l10n.t('Requests') }),
    vscode.languages.registerFoldingRangeProvider(selector, providers),
    vscode.languages.registerDocumentLinkProvider(selector, providers),
    vscode.languages.registerHoverProvider(selector, providers),
    vscode.languages.registerCodeLensProvider(selector, lenses),
    lenses,
  );
}

/** The follower a document shows, and how its lines meet the model's. */
function viewOf(followers: RuntimeLogFollowers, document: vscode.TextDocument) {
  const ref = refOfRuntimeLogUri(document.uri);
  const follower = ref && followers.find(ref.id);
  if (!follower) return undefined;
  const last = document.lineCount - 1;
  return {
    follower,
    /** Undefined when the document does not show that model line (yet). */
    docLine: (modelLine: number): number | undefined => (HEADER_LINES + modelLine <= last ? HEADER_LINES + modelLine : undefined),
    modelLine: (docLine: number): number | undefined => (docLine >= HEADER_LINES && docLine - HEADER_LINES < follower.model.lines.length ? docLine - HEADER_LINES : undefined),
  };
}

export class RuntimeLogProviders implements vscode.DocumentSymbolProvider, vscode.FoldingRangeProvider, vscode.DocumentLinkProvider, vscode.HoverProvider {
  constructor(private readonly deps: RuntimeProvidersDeps) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    const view = viewOf(this.deps.followers, document);
    if (!view) return [];
    const { blocks, lines } = view.follower.model;
    const symbols: vscode.DocumentSymbol[] = [];
    for (let i = Math.max(0, blocks.length - MAX_SYMBOLS); i < blocks.length; i++) {
      const block = blocks[i];
      if (!block || block.kind !== 'request' || !block.request) continue;
      const start = view.docLine(block.startLine);
      if (start === undefined) continue;
      const end = view.docLine(block.endLine) ?? document.lineCount - 1;
      const r = block.request;
      const status = r.status > 0 ? String(r.status) : '---';
      const name = `${r.method === '' ? '-' : r.method} ${r.path === '' ? '/' : r.path} ${status}`.slice(0, 300);
      const header = lines[block.startLine]?.text ?? '';
      const problems = [
        block.errors > 0 ? vscode.l10n.t({ message: '{0} errors', args: [block.errors], comment: ['{0} is how many error lines a request printed'] }) : undefined,
        block.warnings > 0 ? vscode.l10n.t({ message: '{0} warnings', args: [block.warnings], comment: ['{0} is how many warning lines a request printed'] }) : undefined,
      ].filter((p) => p !== undefined);
      const detail = [header.slice(0, 12).trim(), ...problems].filter((d) => d !== '').join(' · ');
      const kind = block.errors > 0 || r.status >= 500 ? vscode.SymbolKind.Event : r.status >= 400 ? vscode.SymbolKind.Key : vscode.SymbolKind.Function;
      const range = new vscode.Range(start, 0, Math.max(start, end), document.lineAt(Math.max(start, end)).text.length);
      symbols.push(new vscode.DocumentSymbol(name, detail, kind, range, document.lineAt(start).range));
    }
    return symbols;
  }

  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    const view = viewOf(this.deps.followers, document);
    if (!view) return [];
    const ranges: vscode.FoldingRange[] = [];
    for (const block of view.follower.model.blocks) {
      if (block.kind !== 'request' || block.endLine <= block.startLine) continue;
      const start = view.docLine(block.startLine);
      const end = view.docLine(block.endLine) ?? document.lineCount - 1;
      if (start !== undefined && end > start) ranges.push(new vscode.FoldingRange(start, end, vscode.FoldingRangeKind.Region));
    }
    return ranges;
  }

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const view = viewOf(this.deps.followers, document);
    if (!view) return [];
    const owner = { id: view.follower.ref.id, projectId: view.follower.projectId };
    const { frameLines, lines } = view.follower.model;
    const pending: Promise<vscode.DocumentLink | undefined>[] = [];
    for (let i = frameLines.length - 1; i >= 0 && pending.length < MAX_LINKS; i--) {
      const modelLine = frameLines[i] as number;
      const docLine = view.docLine(modelLine);
      if (docLine === undefined) continue;
      for (const frame of lines[modelLine]?.frames ?? []) {
        pending.push(
          this.deps.frames.resolve(owner, frame).then((file) => {
            if (!file) return undefined;
            const link = new vscode.DocumentLink(new vscode.Range(docLine, frame.start, docLine, frame.end), atLine(file));
            link.tooltip = file.line === undefined ? vscode.l10n.t('Open {0}', file.relative) : vscode.l10n.t('Open {0}:{1}', file.relative, file.line);
            return link;
          }),
        );
      }
    }
    const links = await Promise.all(pending);
    if (token.isCancellationRequested) return [];
    return links.filter((l): l is vscode.DocumentLink => l !== undefined);
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const view = viewOf(this.deps.followers, document);
    const modelLine = view?.modelLine(position.line);
    if (!view || modelLine === undefined) return undefined;
    const frame = view.follower.model.lines[modelLine]?.frames?.find((f) => position.character >= f.start && position.character <= f.end);
    if (!frame) return undefined;
    const file = await this.deps.frames.resolve({ id: view.follower.ref.id, projectId: view.follower.projectId }, frame);
    if (!file || file.line === undefined || token.isCancellationRequested) return undefined;
    const text = await lineOfFile(file.uri, file.line);
    if (text === undefined) return undefined;
    const markdown = new vscode.MarkdownString();
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    const how = file.how === 'sourceMap' ? vscode.l10n.t(' (from the source map)') : file.how === 'definition' ? vscode.l10n.t(' (where the function is defined; the built file has no source map)') : '';
    markdown.appendText(`${file.relative}:${file.line}${file.column !== undefined && file.how !== 'definition' ? `:${file.column}` : ''}${how}`);
    markdown.appendCodeblock(text, languageOf(file.relative));
    return new vscode.Hover(markdown, new vscode.Range(position.line, frame.start, position.line, frame.end));
  }
}

/** "Load older…" above the first line while older history may be there; Retry when the log failed. */
class OlderLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly shown = new Map<string, string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly followers: RuntimeLogFollowers) {
    // Only a change of what the lens says moves it; lines streaming in do not.
    this.subscription = followers.onDidChange((f) => {
      const now = stateOf(f);
      if (this.shown.get(f.ref.id) === now) return;
      this.shown.set(f.ref.id, now);
      this.changed.fire();
    });
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const ref = refOfRuntimeLogUri(document.uri);
    const follower = ref && this.followers.find(ref.id);
    if (!ref || !follower) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    switch (stateOf(follower)) {
      case 'failed':
        return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(refresh) Retry'), tooltip: vscode.l10n.t('Follow the runtime logs again'), command: Commands.retryRuntimeLogs, arguments: [ref] })];
      case 'loadingOlder':
        return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(loading~spin) Loading older lines…'), command: '' })];
      case 'older':
        return [new vscode.CodeLens(top, { title: vscode.l10n.t('$(fold-up) Load older…'), tooltip: vscode.l10n.t('Show the page of history before the first line'), command: Commands.loadOlderRuntimeLogs, arguments: [ref] })];
      default:
        return [];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function stateOf(f: RuntimeLogFollower): 'failed' | 'loadingOlder' | 'older' | 'none' {
  if (f.status === 'failed') return 'failed';
  if (f.loadingOlder) return 'loadingOlder';
  return f.canLoadOlder && f.status !== 'loading' ? 'older' : 'none';
}

async function lineOfFile(uri: vscode.Uri, line: number): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_HOVER_FILE_BYTES) return undefined;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return text.split('\n')[line - 1]?.replace(/\r$/, '');
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
};

function languageOf(file: string): string {
  const dot = file.lastIndexOf('.');
  return (dot >= 0 && LANGUAGES[file.slice(dot + 1).toLowerCase()]) || '';
}
