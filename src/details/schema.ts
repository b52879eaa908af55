/**
 * The deployment's JSON Schema, exported from the zod schema that validates
 * responses: the panel's outline and the JSON document's hovers both read it,
 * so neither keeps a second copy of the documentation.
 *
 * No `vscode` import: esbuild.mjs also runs this at build time to write
 * media/dist/deployment.schema.json, the file package.json's `jsonValidation`
 * points the JSON language server at.
 */
import { toJSONSchema } from 'zod/mini';
import { deploymentSchema } from '../api/deployment';
import type { Schema } from './outline';

export { DEPLOYMENT_SCHEMA_FILE } from '../constants';

let cached: Schema | undefined;

export function deploymentJsonSchema(): Schema {
  // Draft 7 is the newest draft every VS Code since 1.90 understands fully.
  cached ??= toJSONSchema(deploymentSchema(), { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return cached;
}

/** The schema file's text, as written at build time. */
export function deploymentJsonSchemaText(): string {
  return `${JSON.stringify({ title: 'Vercel deployment', ...deploymentJsonSchema() }, null, 2)}\n`;
}
