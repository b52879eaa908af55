/**
 * How a build log is named as a document: `vercel-log:/dpl_…/<label>.log?teamId=…`
 * (deployments/documentPath.ts, which the runtime logs share).
 */
export { logPath, logQuery, refOfLogPath } from '../deployments/documentPath';
