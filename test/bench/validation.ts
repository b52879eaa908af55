/**
 * Row 3 — Validation: our zod schemas against @vercel/sdk's own response
 * validation (its generated zod "inbound" schemas, the ones its functions run
 * on every response), on identical payloads from the emulator, in the same
 * loop, alternating.
 *
 * JSON.parse is left out: both clients do it once, the same way. Each side
 * runs the call its client makes: ours `safeParse` (src/api/client.ts), the
 * SDK's `parse` (lib/matchers.js).
 */
import { DeploymentListSchema } from '../../src/api/schemas';
import { deploymentSchema } from '../../src/api/deployment';
import { EmulatorControl } from '../emulator/control';
import { startEmulator, type EmulatorInfo } from '../emulator/server';
import type { BenchContext } from './context';
import type { Line } from './report';
import { alternate, kb, median, ops, pairedRatio, times } from './stats';

const TARGET_RATIO = 3;
/** How long one timed batch runs; long enough to dwarf timer resolution, short enough to alternate often. */
const BATCH_MS = 60;

type Validate = (payload: unknown) => unknown;

interface Payloads {
  readonly list: unknown;
  readonly full: unknown;
  readonly canceled: unknown;
}

async function fetchJson(info: EmulatorInfo, path: string, method = 'GET'): Promise<unknown> {
  const response = await fetch(`${info.url}${path}`, { method, headers: { Authorization: `Bearer ${info.token}` } });
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
  return response.json();
}

function firstUid(list: unknown): string {
  if (typeof list === 'object' && list !== null && 'deployments' in list && Array.isArray(list.deployments)) {
    const first: unknown = list.deployments[0];
    if (typeof first === 'object' && first !== null && 'uid' in first && typeof first.uid === 'string') return first.uid;
  }
  throw new Error('the emulator listed no deployment');
}

/** A 100-deployment list page, a full deployment (GET v13) and a cancel answer (PATCH v12), fetched once. */
async function payloads(): Promise<Payloads> {
  const emulator = await startEmulator({ port: 0, buildMs: 3_600_000, deploymentCount: 160 });
  try {
    const info = emulator.info;
    const scope = `teamId=${encodeURIComponent(info.teamId)}`;
    const list = await fetchJson(info, `/v6/deployments?projectId=${encodeURIComponent(info.projectId)}&limit=100&${scope}`);
    const full = await fetchJson(info, `/v13/deployments/${encodeURIComponent(firstUid(list))}?${scope}`);
    const building = await new EmulatorControl(info.url).createDeployment({ readyState: 'BUILDING' });
    const canceled = await fetchJson(info, `/v12/deployments/${encodeURIComponent(building.id)}/cancel?${scope}`, 'PATCH');
    return { list, full, canceled };
  } finally {
    await emulator.close();
  }
}

/** Iterations that take about BATCH_MS, found by doubling. */
function calibrate(validate: Validate, payload: unknown): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) validate(payload);
    if (performance.now() - t0 >= BATCH_MS / 4) return Math.max(1, Math.round((n * BATCH_MS) / (performance.now() - t0)));
    n *= 2;
  }
}

/** ops/s of one timed batch. */
function batch(validate: Validate, payload: unknown, n: number): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) validate(payload);
  return (n * 1000) / (performance.now() - t0);
}

interface Comparison {
  readonly ours: number;
  readonly sdk: number;
  readonly ratio: number;
  readonly rounds: number;
}

async function compare(ours: Validate, sdk: Validate, payload: unknown, rounds: number): Promise<Comparison> {
  // Both must accept the payload, or we would be timing error paths.
  ours(payload);
  sdk(payload);
  const nOurs = calibrate(ours, payload);
  const nSdk = calibrate(sdk, payload);
  batch(ours, payload, nOurs);
  batch(sdk, payload, nSdk);
  const samples = await alternate(rounds, {
    ours: () => batch(ours, payload, nOurs),
    sdk: () => batch(sdk, payload, nSdk),
  });
  return { ours: median(samples.ours), sdk: median(samples.sdk), ratio: pairedRatio(samples.ours, samples.sdk), rounds };
}

function ourValidator(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }): Validate {
  return (payload) => {
    const result = schema.safeParse(payload);
    if (!result.success) throw new Error(`our schema rejected the payload: ${String(result.error)}`);
    return result;
  };
}

function line(id: string, label: string, c: Comparison, ourName: string, sdkName: string, bytes: number): Line {
  return {
    id,
    label: `${label} (${kb(bytes)})`,
    value: ops(c.ours),
    raw: c.ours,
    unit: 'ops/s',
    target: '≥ 3× @vercel/sdk',
    met: c.ratio >= TARGET_RATIO,
    comparison: `@vercel/sdk ${sdkName} ${ops(c.sdk)}; ours ${times(c.ratio)}`,
    note: `ours ${ourName}.safeParse vs the SDK's ${sdkName}$inboundSchema.parse on the same object; ${c.rounds} alternating rounds of ~${BATCH_MS} ms batches, medians, ratio = median of per-round ratios.`,
  };
}

export async function validationRow(ctx: BenchContext): Promise<Line[]> {
  const data = await payloads();
  // The SDK is an ES module: loaded the way an ES module is, then only its schemas are used.
  const sdkList = await import('@vercel/sdk/models/getdeploymentsop.js');
  const sdkGet = await import('@vercel/sdk/models/getdeploymentresponsebody.js');
  const sdkCancel = await import('@vercel/sdk/models/canceldeploymentresponsebody.js');
  const rounds = ctx.quick ? 5 : 21;

  ctx.log('validation: list page');
  const list = await compare(ourValidator(DeploymentListSchema()), (p) => sdkList.GetDeploymentsResponseBody$inboundSchema.parse(p), data.list, rounds);
  ctx.log('validation: full deployment');
  const full = await compare(ourValidator(deploymentSchema()), (p) => sdkGet.GetDeploymentResponseBody$inboundSchema.parse(p), data.full, rounds);
  ctx.log('validation: cancel answer');
  const canceled = await compare(ourValidator(deploymentSchema()), (p) => sdkCancel.CancelDeploymentResponseBody$inboundSchema.parse(p), data.canceled, rounds);

  const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
  return [
    line('3a', 'list page, 100 deployments', list, 'DeploymentListSchema', 'GetDeploymentsResponseBody', size(data.list)),
    line('3b', 'full deployment, GET v13', full, 'deploymentSchema()', 'GetDeploymentResponseBody', size(data.full)),
    line('3c', 'full deployment, cancel answer', canceled, 'deploymentSchema()', 'CancelDeploymentResponseBody', size(data.canceled)),
  ];
}
