/**
 * Sends a hashed folder as `vercel deploy` does: the create first, with
 * every file's digest; when Vercel answers `missing_files`, only those files
 * go up (`POST /v2/files`, each content once, a few at a time), then the
 * same create again. A folder Vercel already has uploads nothing. Nothing
 * is retried; a second `missing_files` is an error, not a loop.
 */
import type { FilesDeploymentRequest, Scope, VercelClient } from '../api/client';
import type { Deployment } from '../api/deployment';
import { VercelApiError } from '../api/errors';
import { deploymentFiles, uploadPlan, type HashedFile } from './plan';

const UPLOAD_CONCURRENCY = 4;

export interface SendProgress {
  readonly phase: 'creating' | 'uploading';
  readonly uploaded: number;
  readonly toUpload: number;
  readonly bytesUploaded: number;
  readonly bytesToUpload: number;
}

export interface SendOptions {
  readonly client: Pick<VercelClient, 'createDeployment' | 'uploadFile'>;
  readonly request: Omit<FilesDeploymentRequest, 'files'>;
  readonly scope: Scope;
  readonly files: readonly HashedFile[];
  /** The bytes of one file to upload (checked against its digest by the caller's reader). */
  readonly read: (file: HashedFile) => Promise<Uint8Array<ArrayBuffer>>;
  readonly onProgress?: (progress: SendProgress) => void;
  /** Stops the uploads; the create requests themselves are never aborted halfway. */
  readonly signal?: AbortSignal | undefined;
}

export interface SendResult {
  readonly deployment: Deployment;
  readonly uploaded: number;
  readonly bytesUploaded: number;
}

export class MissingFilesError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`Vercel still lacks ${missing.length} file(s) after they were uploaded`);
    this.name = 'MissingFilesError';
  }
}

export async function sendDeployment(options: SendOptions): Promise<SendResult> {
  const { client, scope, files, signal } = options;
  const request: FilesDeploymentRequest = { ...options.request, files: deploymentFiles(files) };
  const report = (p: SendProgress) => options.onProgress?.(p);
  report({ phase: 'creating', uploaded: 0, toUpload: 0, bytesUploaded: 0, bytesToUpload: 0 });
  let missing: readonly string[];
  try {
    return { deployment: await client.createDeployment(request, scope), uploaded: 0, bytesUploaded: 0 };
  } catch (error) {
    if (!(error instanceof VercelApiError) || error.code !== 'missing_files') throw error;
    missing = error.missingFiles;
  }
  const plan = uploadPlan(files, missing);
  if (plan.unknown.length > 0 || plan.uploads.length === 0) {
    // Vercel named digests we never sent, or none at all: another round would not help.
    throw new MissingFilesError(plan.unknown.length > 0 ? plan.unknown : missing);
  }
  let uploaded = 0;
  let bytesUploaded = 0;
  const progress = (): SendProgress => ({ phase: 'uploading', uploaded, toUpload: plan.uploads.length, bytesUploaded, bytesToUpload: plan.bytes });
  report(progress());
  let next = 0;
  // The first failed upload stops the others: Vercel's refusal is the answer, not a reason to send more.
  const failed = new AbortController();
  const stop = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  const worker = async () => {
    try {
      while (next < plan.uploads.length) {
        stop.throwIfAborted();
        const file = plan.uploads[next++] as HashedFile;
        const bytes = await options.read(file);
        stop.throwIfAborted();
        await client.uploadFile(bytes, file.sha, scope, stop);
        uploaded += 1;
        bytesUploaded += file.size;
        report(progress());
      }
    } catch (error) {
      if (!failed.signal.aborted) failed.abort(error);
      throw error;
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(UPLOAD_CONCURRENCY, plan.uploads.length) }, worker));
  signal?.throwIfAborted();
  if (failed.signal.aborted) throw failed.signal.reason;
  for (const r of results) if (r.status === 'rejected') throw r.reason;
  report({ ...progress(), phase: 'creating' });
  try {
    return { deployment: await client.createDeployment(request, scope), uploaded, bytesUploaded };
  } catch (error) {
    if (error instanceof VercelApiError && error.code === 'missing_files') throw new MissingFilesError(error.missingFiles);
    throw error;
  }
}
