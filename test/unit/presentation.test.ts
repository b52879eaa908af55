import { strict as assert } from 'node:assert';
import type { DeploymentListItem } from '../../src/api/schemas';
import { LIST_READY_STATES } from '../../src/api/schemas';
import {
  buildTiming,
  contextValueOf,
  deploymentLabel,
  firstLine,
  STATE_VISUALS,
  stateVisual,
  statusBarIcon,
  viewStateOf,
} from '../../src/deployments/presentation';
import { toDeploymentRef, toDeploymentTarget } from '../../src/deployments/ref';
import { deployment } from './fixtures';

function item(patch: Partial<DeploymentListItem> = {}): DeploymentListItem {
  return deployment({ url: 'web-abc.vercel.app', inspectorUrl: 'https://vercel.com/t/web/abc', ...patch });
}

describe('presentation', () => {
  it('builds the contextValue from capability tokens for every state', () => {
    const expected: Record<string, string> = {
      QUEUED: 'deployment cancellable hasUrl hasInspector',
      INITIALIZING: 'deployment cancellable hasUrl hasInspector',
      BUILDING: 'deployment cancellable hasUrl hasInspector',
      READY: 'deployment hasRuntimeLogs hasUrl hasInspector',
      ERROR: 'deployment failed hasUrl hasInspector',
      CANCELED: 'deployment hasUrl hasInspector',
      BLOCKED: 'deployment hasUrl hasInspector',
      DELETED: 'deployment hasUrl hasInspector',
      SOMETHING_NEW: 'deployment hasUrl hasInspector',
    };
    for (const [state, value] of Object.entries(expected)) {
      assert.equal(contextValueOf(item({ readyState: state })), value, state);
    }
    assert.equal(contextValueOf(item({ url: '', inspectorUrl: null, target: 'production', readyState: 'CANCELED' })), 'deployment production');
  });

  it('has a menu regex that matches cancellable only on whole tokens', () => {
    const cancellable = /\bcancellable\b/;
    assert.ok(cancellable.test(contextValueOf(item({ readyState: 'BUILDING' }))));
    assert.ok(!cancellable.test(contextValueOf(item({ readyState: 'READY' }))));
    // Show Build Logs is inline on rows that build or failed.
    const logsInline = /\b(cancellable|failed)\b/;
    for (const [state, inline] of [['BUILDING', true], ['ERROR', true], ['READY', false], ['CANCELED', false]] as const) {
      assert.equal(logsInline.test(contextValueOf(item({ readyState: state }))), inline, state);
    }
  });

  it('gives every state its own glyph, so colour is never the only signal, and shows unknown states visibly', () => {
    const glyphs = LIST_READY_STATES.map((state) => stateVisual(state).icon);
    assert.equal(new Set(glyphs).size, glyphs.length, glyphs.join(' '));
    for (const state of LIST_READY_STATES) {
      assert.equal(stateVisual(state), STATE_VISUALS[state]);
      assert.equal(stateVisual(state).icon.endsWith('~spin'), ['INITIALIZING', 'BUILDING'].includes(state), state);
    }
    assert.notEqual(stateVisual('ERROR').icon, stateVisual('CANCELED').icon);
    assert.deepEqual(stateVisual('HIBERNATING'), { icon: 'question', color: 'charts.purple', known: false });
    assert.equal(statusBarIcon('READY'), 'check');
    assert.equal(statusBarIcon('ERROR'), 'error');
    assert.equal(statusBarIcon('CANCELED'), 'circle-slash');
    assert.equal(statusBarIcon('BUILDING'), 'loading~spin');
    assert.equal(statusBarIcon('??'), 'question');
  });

  it('labels with the first line of the commit message, else the URL', () => {
    assert.equal(deploymentLabel(item({ meta: { githubCommitMessage: '\n  fix: login 🚀\n\nlong body' } })), 'fix: login 🚀');
    assert.equal(deploymentLabel(item({ meta: { gitlabCommitMessage: 'from gitlab' } })), 'from gitlab');
    assert.equal(deploymentLabel(item({ meta: {} })), 'web-abc.vercel.app');
    assert.equal(deploymentLabel(item({ meta: { githubCommitMessage: '   ' } })), 'web-abc.vercel.app');
    assert.equal(firstLine('x'.repeat(200), 10), `${'x'.repeat(9)}…`);
  });

  it('times a build: running from its start, finished from start to end, nothing without an end', () => {
    const t0 = Date.UTC(2026, 0, 1);
    assert.deepEqual(buildTiming(item({ readyState: 'QUEUED', created: t0 }), t0 + 12_000), { phase: 'running', state: 'QUEUED', ms: 12_000 });
    assert.deepEqual(buildTiming(item({ readyState: 'BUILDING', created: t0, buildingAt: t0 + 2000 }), t0 + 40_000), {
      phase: 'running',
      state: 'BUILDING',
      ms: 38_000,
    });
    assert.deepEqual(buildTiming(item({ readyState: 'READY', created: t0, buildingAt: t0 + 2000, ready: t0 + 104_000 }), t0 + 999_999), {
      phase: 'finished',
      state: 'READY',
      ms: 102_000,
    });
    const canceled = { ...item({ readyState: 'CANCELED', created: t0, buildingAt: t0 }), canceledAt: t0 + 5000 };
    assert.deepEqual(buildTiming(canceled, t0 + 60_000), { phase: 'finished', state: 'CANCELED', ms: 5000 });
    assert.equal(buildTiming(item({ readyState: 'ERROR', created: t0 }), t0 + 1000), undefined);
    assert.equal(buildTiming(item({ readyState: 'BLOCKED', created: t0 }), t0 + 1000), undefined);
  });

  it('gives every view state its face', () => {
    const base = { signedIn: true, linkedProjects: 1, anyLoaded: true, anyDeployments: true, anyError: false, rateLimited: false };
    assert.equal(viewStateOf({ ...base, signedIn: undefined }), 'loading');
    assert.equal(viewStateOf({ ...base, signedIn: false }), 'signedOut');
    assert.equal(viewStateOf({ ...base, linkedProjects: 0 }), 'noProject');
    assert.equal(viewStateOf(base), 'ready');
    assert.equal(viewStateOf({ ...base, anyDeployments: false }), 'empty');
    assert.equal(viewStateOf({ ...base, anyDeployments: false, anyLoaded: false }), 'loading');
    assert.equal(viewStateOf({ ...base, anyDeployments: false, anyError: true }), 'error');
    assert.equal(viewStateOf({ ...base, anyDeployments: false, anyError: true, rateLimited: true }), 'rateLimited');
    // A failed refresh with deployments already shown keeps them: the view stays "ready".
    assert.equal(viewStateOf({ ...base, anyError: true }), 'ready');
  });
});

describe('deployment refs from command arguments', () => {
  it('reads a ref, a tree node\'s ref, and nothing else', () => {
    assert.deepEqual(toDeploymentRef({ id: 'dpl_1', teamId: 'team_1' }), { id: 'dpl_1', teamId: 'team_1' });
    assert.deepEqual(toDeploymentRef({ deploymentRef: { id: 'dpl_2' } }), { id: 'dpl_2' });
    assert.equal(toDeploymentRef({ deploymentRef: { id: 3 } }), undefined);
    assert.equal(toDeploymentRef({ id: 'dpl_1', teamId: 42 }), undefined);
    assert.equal(toDeploymentRef('dpl_1'), undefined);
    assert.equal(toDeploymentRef(undefined), undefined);
  });

  it('reads a handed response by its id alone unless asked to parse it', () => {
    const handed = { deployment: { id: 'dpl_3', team: { id: 'team_own' }, url: 'x.vercel.app' }, teamId: 'team_1' };
    let parsed = 0;
    const parse = (value: unknown) => {
      parsed++;
      return value as { id: string };
    };
    assert.deepEqual(toDeploymentTarget(handed), { ref: { id: 'dpl_3', teamId: 'team_1' } });
    assert.equal(parsed, 0);
    assert.deepEqual(toDeploymentTarget(handed, parse), { ref: { id: 'dpl_3', teamId: 'team_1' }, deployment: handed.deployment });
    assert.equal(parsed, 1);
    // The response's own team when the argument names none; a response that does not parse is fetched by its id.
    assert.deepEqual(toDeploymentTarget({ deployment: { id: 'dpl_4', team: { id: 'team_own' } } }, () => undefined), {
      ref: { id: 'dpl_4', teamId: 'team_own' },
    });
    // A tree node's `deployment` is its list item, never the response: only its ref counts.
    assert.deepEqual(toDeploymentTarget({ deploymentRef: { id: 'dpl_5' }, deployment: { id: 'x' } }, parse), { ref: { id: 'dpl_5' } });
    assert.equal(parsed, 1);
  });

  it('names no deployment for what a palette or a title bar passes, a project row or a Uri: the command asks', () => {
    class Row {
      readonly id = 'project:team_1/prj_1';
      readonly kind = 'project';
    }
    class Address {
      readonly scheme = 'vercel-log';
      readonly path = '/dpl_1/x.log';
    }
    for (const arg of [undefined, null, new Row(), new Address(), [], { deployment: 'dpl_1' }, { deployment: { id: '' } }, { id: '' }]) {
      assert.equal(toDeploymentTarget(arg), undefined, String(arg));
    }
  });
});
