/**
 * Row 6 — Cancel: HTTP round trips from the cancel command to the tree item
 * reading CANCELED. The production bundle runs under the vscode shim against
 * the emulator; the command is invoked on the tree node of a building
 * deployment, the way the inline button invokes it, and the person confirms
 * the modal.
 */
import { Commands } from '../../src/constants';
import { EmulatorControl } from '../emulator/control';
import { startEmulator } from '../emulator/server';
import type { BenchContext } from './context';
import { deploymentNodes, hostExtension, waitFor } from './hostedExtension';
import type { Line } from './report';
import { count, ms } from './stats';

/** The command looks once more 2 s after a cancel (see src/commands/cancel.ts); we wait that out to report it. */
const SETTLE_WAIT_MS = 3000;

function readyStateOfNode(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || !('deployment' in node)) return undefined;
  const deployment: unknown = node.deployment;
  return typeof deployment === 'object' && deployment !== null && 'readyState' in deployment ? deployment.readyState : undefined;
}

export async function cancelRow(ctx: BenchContext): Promise<Line[]> {
  const bundle = await ctx.productionBundle();
  const emulator = await startEmulator({ port: 0, buildMs: 6 * 3_600_000, newEveryMs: 0 });
  const control = new EmulatorControl(emulator.info.url);
  try {
    const building = await control.createDeployment({ readyState: 'BUILDING' });
    const hosted = await hostExtension(bundle.path, emulator.info, ctx.tmp);
    try {
      const nodeOf = () => deploymentNodes(hosted.treeRoots()).find((n) => n.id === building.id)?.node;
      await waitFor(() => nodeOf() !== undefined, 'the building deployment in the tree');
      const node = nodeOf();
      if (readyStateOfNode(node) !== 'BUILDING') throw new Error(`the tree shows ${String(readyStateOfNode(node))}, not BUILDING`);

      await control.clearRequests();
      const t0 = performance.now();
      await hosted.executeCommand(Commands.cancel, node);
      const elapsed = performance.now() - t0;
      const shown = readyStateOfNode(nodeOf());
      const roundTrips = await control.requests();
      if (shown !== 'CANCELED') throw new Error(`after the command the tree shows ${String(shown)}, not CANCELED`);

      await new Promise((resolve) => setTimeout(resolve, SETTLE_WAIT_MS));
      const later = (await control.requests()).slice(roundTrips.length);

      return [
        {
          id: '6a',
          label: 'round trips, cancel command → item reads CANCELED',
          value: count(roundTrips.length),
          raw: roundTrips.length,
          unit: 'requests',
          // The confirmation reads the deployment again (a build that ended meanwhile is not cancelled), then the PATCH.
          target: '2 (a fresh read, then the cancel)',
          met: roundTrips.length === 2 && roundTrips[0]?.method === 'GET' && roundTrips[1]?.method === 'PATCH',
          note:
            `the command on the tree node of a BUILDING deployment, modal confirmed; ${roundTrips.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}; ` +
            `the item read CANCELED ${ms(elapsed)} after the command began, from the cancel answer alone. ` +
            `Afterwards, by design, ${later.length === 0 ? 'no further request' : `${count(later.length)} settle-refresh request${later.length === 1 ? '' : 's'} (${later.map((r) => `${r.method} ${r.path}`).join(', ')})`} within ${SETTLE_WAIT_MS / 1000} s.`,
        },
      ];
    } finally {
      hosted.dispose();
    }
  } finally {
    await emulator.close();
  }
}
