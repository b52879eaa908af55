import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, Settings } from '../../../src/constants';
import { readTestEnv } from '../../harness/testEnv';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded`);
  return ext;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe('activation', () => {
  it('is loaded under its id', () => {
    assert.equal(extension().id, EXTENSION_ID);
  });

  it('declares only lazy activation events (no "*", no onStartupFinished)', () => {
    const events: unknown = (extension().packageJSON as { activationEvents?: unknown }).activationEvents;
    assert.ok(Array.isArray(events), 'package.json has no activationEvents array');
    assert.ok(!events.includes('*'), 'activationEvents contains "*"');
    assert.ok(!events.includes('onStartupFinished'), 'activationEvents contains onStartupFinished');
  });

  it('activates by itself in a workspace linked with .vercel/project.json', async () => {
    // Nothing in this suite has called activate() yet: workspaceContains must have done it.
    assert.ok(await until(() => extension().isActive, 15_000), 'not active 15 s after the suite started');
  });

  it('activates without error', async () => {
    await extension().activate();
    assert.equal(extension().isActive, true);
  });

  it('runs against the emulator the launcher started', () => {
    const env = readTestEnv();
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    assert.equal(folder.uri.path, env.workspace);
    const apiUrl = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.apiUrl);
    assert.equal(apiUrl, env.url);
  });
});
