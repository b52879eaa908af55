/**
 * Shared by the integration tests: the extension's test handle, the emulator
 * it talks to, and a way to answer a dialog (and only a dialog) for a test.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Settings } from '../../../src/constants';
import type { ExtensionApi } from '../../../src/extension';
import type { DeploymentsTreeNode } from '../../../src/deployments/treeItems';
import { EmulatorControl } from '../../emulator/control';
import { readTestEnv, type TestEmulatorEnv } from '../../harness/testEnv';

export const env: TestEmulatorEnv = readTestEnv();
export const control = new EmulatorControl(env.url);

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  const exports = await ext.activate();
  await exports.ready;
  return exports;
}

export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`timed out after ${timeoutMs} ms waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Stubbable = Record<string, unknown>;

/** Replaces `target[key]` for one test; `restoreStubs()` (in afterEach) puts every original back. */
const restorers: Array<() => void> = [];
export function stub<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  const original = target[key];
  (target as Stubbable)[key as string] = value;
  restorers.push(() => {
    (target as Stubbable)[key as string] = original;
  });
}

export function restoreStubs(): void {
  while (restorers.length > 0) {
    restorers.pop()?.();
  }
}

/** What a modal warning asked: its message, its detail and its buttons (a close affordance marked " (close)"). */
export interface AskedModal {
  readonly message: string;
  readonly detail: string;
  readonly buttons: readonly string[];
  /** Message, detail and `[button|button]` on three lines, to match with one pattern. */
  readonly text: string;
}

/**
 * Answers every modal warning (`showWarningMessage(message, options, ...items)`)
 * with its `button`-th item (1 = the first), or dismisses it (0), after
 * `delayMs` (a person who takes a while); records what each one asked.
 */
export function answerModal(button: number, delayMs = 0): AskedModal[] {
  const asked: AskedModal[] = [];
  stub(vscode.window, 'showWarningMessage', (async (message: string, ...rest: unknown[]) => {
    const detail = (rest[0] as vscode.MessageOptions | undefined)?.detail ?? '';
    const items = rest.slice(1) as Array<string | vscode.MessageItem>;
    const title = (item: string | vscode.MessageItem) => (typeof item === 'string' ? item : item.title);
    asked.push({
      message,
      detail,
      buttons: items.map((item) => (typeof item !== 'string' && item.isCloseAffordance ? `${item.title} (close)` : title(item))),
      text: `${message}\n${detail}\n[${items.map(title).join('|')}]`,
    });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return button === 0 ? undefined : rest[button];
  }) as typeof vscode.window.showWarningMessage);
  return asked;
}

/** Answers the password box with `token` and runs Set Token; true when it was stored. */
export async function signIn(token = env.token): Promise<boolean> {
  stub(vscode.window, 'showInputBox', async () => token);
  try {
    return (await vscode.commands.executeCommand<boolean>(Commands.setToken)) === true;
  } finally {
    restoreStubs();
  }
}

export async function signOut(): Promise<void> {
  await vscode.commands.executeCommand(Commands.signOut);
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(Settings.section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** The rows the view shows at its root, as VS Code gets them. */
export async function rootRows(): Promise<DeploymentsTreeNode[]> {
  const { tree } = await api();
  return tree.getChildren() ?? [];
}

export function labelOf(node: vscode.TreeItem): string {
  return typeof node.label === 'string' ? node.label : node.label?.label ?? '';
}

/** Refreshes now and waits for it, like the view's Refresh button. */
export async function refresh(): Promise<void> {
  await vscode.commands.executeCommand(Commands.refresh);
}

export const listPath = '/v6/deployments';

/** A MarkdownString's source as the text a person reads (appendText escapes spaces and punctuation). */
export function plain(markdown: string): string {
  return markdown.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/\\(.)/g, '$1');
}
