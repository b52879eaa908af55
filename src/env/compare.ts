/**
 * "Vercel: Compare Environment with Local File": a diff editor of an
 * environment (a read-only document held in memory only, never on disk)
 * against a local file. Values stay hidden unless the person confirms they
 * want secrets on screen: a hidden value is a mask, so a changed or added key
 * still shows as such, and only values the local side shows anyway are written.
 * The documents are dropped when their editor closes and on Sign Out.
 */
import * as vscode from 'vscode';
import { EnvCommands, ENV_COMPARE_SCHEME } from '../constants';
import { chooseEnvironment, chooseFile, choiceLabel, pullValues, readText } from './choose';
import { isEnvNode, projectFromArg, reportEnvError, type EnvDeps } from './deps';
import { compareText, parseDotenv } from './dotenv';

export class CompareDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(ENV_COMPARE_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === ENV_COMPARE_SCHEME) this.texts.delete(doc.uri.toString());
      }),
    ];
  }

  /** A new document's address: the tab names the project and environment; the query keeps each comparison apart. */
  add(title: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: ENV_COMPARE_SCHEME, path: `/${title.replace(/[\\/]/g, '-')}.env`, query: String(++this.counter) });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? vscode.l10n.t('# This comparison is gone (signed out, or closed). Run Compare Environment with Local File again.\n');
  }

  get size(): number {
    return this.texts.size;
  }

  /** Forgets every document's text (Sign Out); open editors show that it is gone. */
  clear(): void {
    const uris = [...this.texts.keys()];
    this.texts.clear();
    for (const uri of uris) this.changed.fire(vscode.Uri.parse(uri));
  }

  dispose(): void {
    this.texts.clear();
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export function registerCompare(context: vscode.ExtensionContext, deps: EnvDeps, documents: CompareDocuments): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(EnvCommands.compare, async (arg?: unknown): Promise<vscode.Uri | undefined> => {
      const project = await projectFromArg(arg, deps);
      if (!project) return undefined;
      const choice = await chooseEnvironment(isEnvNode(arg) ? arg : undefined, project, deps);
      if (!choice) return undefined;
      const file = await chooseFile(project, vscode.l10n.t('Compare {0} with', choiceLabel(choice)));
      if (!file) return undefined;
      const keysOnly = { label: vscode.l10n.t('Keys only'), detail: vscode.l10n.t('Added, missing and changed keys; values that differ are hidden'), values: false };
      const withValues = { label: vscode.l10n.t('Keys and values'), detail: vscode.l10n.t('Shows secret values on screen'), values: true };
      const mode = await vscode.window.showQuickPick([keysOnly, withValues], { placeHolder: vscode.l10n.t('What should the comparison show?') });
      if (!mode) return undefined;
      if (mode.values) {
        const show = vscode.l10n.t('Show Values');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Show the values of {0} on screen?', choiceLabel(choice)),
          { modal: true, detail: vscode.l10n.t('Secrets will be readable by anyone who sees your screen or a screen share. They are kept in memory only, until the editor closes.') },
          show,
        );
        if (answer !== show) return undefined;
      }
      try {
        const local = await readText(file);
        if (local === undefined) {
          void vscode.window.showWarningMessage(vscode.l10n.t('{0} does not exist. Pull the environment into it first.', vscode.workspace.asRelativePath(file)));
          return undefined;
        }
        const values = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading environment variables…') }, () =>
          pullValues(project, choice, deps),
        );
        const text = compareText(values.env, values.sensitive, parseDotenv(local), mode.values);
        const title = `${project.name ?? project.projectId} ${choiceLabel(choice)}`;
        const uri = documents.add(title, text);
        await vscode.commands.executeCommand('vscode.diff', uri, file, vscode.l10n.t('{0} ↔ {1}', title, vscode.workspace.asRelativePath(file)), { preview: false });
        deps.log.info(`Compared ${choice.target} of ${project.projectId} with ${vscode.workspace.asRelativePath(file)} (${mode.values ? 'values shown' : 'values hidden'})`);
        return uri;
      } catch (error) {
        await reportEnvError(vscode.l10n.t('Could not compare environment variables'), error, deps);
        return undefined;
      }
    }),
  );
}
