/**
 * The deployment's JSON Schema at run time: read from the file the build
 * exports from the zod schemas (schema.ts), not computed again, so the JSON
 * Schema exporter stays out of the extension's bundle and its start-up.
 */
import * as vscode from 'vscode';
import { DEPLOYMENT_SCHEMA_FILE } from '../constants';
import type { Schema } from './outline';

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class DeploymentSchemaFile {
  private loaded: Promise<Schema> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Read once, on first use. */
  get(): Promise<Schema> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  private async read(): Promise<Schema> {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, DEPLOYMENT_SCHEMA_FILE));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    if (!isSchema(parsed)) {
      throw new Error(`${DEPLOYMENT_SCHEMA_FILE} does not hold a JSON Schema`);
    }
    return parsed;
  }
}
