/**
 * A typed handle on the emulator's control API (`/_emulator/…`), shared by the
 * unit tests, the integration suite and the benchmarks. Plain fetch, so it
 * also works inside the VS Code extension host.
 */
import type { FaultSpec } from './faults';
import type { RequestLogEntry } from './server';

export type { FaultSpec };

/** One API request as the emulator logged it (never its token). */
export type LoggedRequest = RequestLogEntry;

/** The emulator's answer for a created or changed deployment: the full object. */
export interface ControlDeployment {
  id: string;
  readyState: string;
  url: string;
  [key: string]: unknown;
}

/** A build log line for `createDeployment({ events })` and `appendEvents`; `type` may be any string. */
export interface ControlLogLine {
  type: string;
  text: string;
  level?: 'error' | 'warning';
}

/** A runtime log line for `appendRuntimeLogs`; without `requestPath` it stands alone, `source: 'delimiter'` is a limit row. */
export interface ControlRuntimeLog {
  level: 'error' | 'warning' | 'info' | 'debug' | 'fatal' | 'trace';
  message: string;
  source?: 'serverless' | 'edge-function' | 'edge-middleware' | 'request' | 'delimiter';
  requestMethod?: string;
  requestPath?: string;
  responseStatusCode?: number;
  timestampInMs?: number;
  messageTruncated?: boolean;
}

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`emulator ${method} ${path} → ${response.status}: ${text}`);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  fault(spec: FaultSpec): Promise<unknown> {
    return this.call('POST', '/faults', spec);
  }

  clearFaults(): Promise<unknown> {
    return this.call('DELETE', '/faults');
  }

  requests(): Promise<LoggedRequest[]> {
    return this.call('GET', '/requests');
  }

  clearRequests(): Promise<unknown> {
    return this.call('DELETE', '/requests');
  }

  createDeployment(fields: Record<string, unknown>): Promise<ControlDeployment> {
    return this.call('POST', '/deployments', fields);
  }

  /** Appends to the deployment's build log; every open follow stream gets the lines at once. */
  appendEvents(id: string, events: ControlLogLine[]): Promise<{ appended: number }> {
    return this.call('POST', `/deployments/${encodeURIComponent(id)}/events`, { events });
  }

  /** Appends runtime log lines: to history, and down every open runtime-logs stream of the deployment at once. */
  appendRuntimeLogs(id: string, logs: ControlRuntimeLog[]): Promise<{ appended: number }> {
    return this.call('POST', `/deployments/${encodeURIComponent(id)}/runtime-logs`, { logs });
  }

  /** The runtime-logs streams open now. */
  async runtimeLogStreams(): Promise<Array<{ deploymentId: string; openedAt: number }>> {
    return (await this.call<{ open: Array<{ deploymentId: string; openedAt: number }> }>('GET', '/runtime-logs/streams')).open;
  }

  setState(id: string, readyState: string): Promise<ControlDeployment> {
    return this.call('POST', `/deployments/${encodeURIComponent(id)}/state`, { readyState });
  }

  /** Every file stored by digest (with how often it was sent) and the body of every create from files or gitSource. */
  files(): Promise<{ files: { sha: string; size: number; uploads: number }[]; creates: Record<string, unknown>[] }> {
    return this.call('GET', '/files');
  }

  /** The file list of a deployment made from files (null for any other). */
  deploymentFiles(id: string): Promise<{ files: { file: string; sha: string; size: number; mode: number }[] | null }> {
    return this.call('GET', `/deployments/${encodeURIComponent(id)}/files`);
  }

  /** Replaces a project's Git link (null: none). */
  setLink(project: string, link: Record<string, unknown> | null): Promise<unknown> {
    return this.call('POST', `/projects/${encodeURIComponent(project)}/link`, { link });
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/reset');
  }
}
