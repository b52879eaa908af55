import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EmulatorInfo } from './testEnv';

/**
 * Makes `dir` a workspace linked to the emulator's team project, the way
 * `vercel link` leaves it: `.vercel/project.json` with projectId and orgId.
 */
export function createLinkedWorkspace(dir: string, info: EmulatorInfo, files: Record<string, string> = {}): string {
  fs.mkdirSync(path.join(dir, '.vercel'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.vercel', 'project.json'),
    JSON.stringify({ projectId: info.projectId, orgId: info.teamId, projectName: info.projectName }, null, 2) + '\n',
  );
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
