/**
 * Checks on what reaches the extension from the webview: its messages, and
 * the state VS Code hands the serializer after a reload. The webview shows
 * untrusted JSON, so nothing it sends is taken on trust.
 */
import * as z from '../api/zod';
import type { PanelRef, PersistedState, WebviewMessage } from './protocol';

const panelRef = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(512)),
  teamId: z.optional(z.string().check(z.maxLength(512))),
});

const webviewMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('openUrl'), url: z.string().check(z.maxLength(8192)) }),
  z.object({ type: z.literal('copy'), kind: z.enum(['path', 'value']), text: z.string() }),
  z.object({ type: z.literal('reload') }),
  z.object({ type: z.literal('openJson') }),
  z.object({ type: z.literal('action'), action: z.enum(['cancel', 'redeploy', 'promote', 'rollback', 'showLogs', 'showRuntimeLogs', 'openOnVercel']) }),
  z.object({ type: z.literal('interacted') }),
]) satisfies z.ZodMiniType<WebviewMessage>;

const persistedState = z.object({
  v: z.literal(1),
  ref: panelRef,
  baseline: z.enum(['collapsed', 'expanded']),
  toggled: z.array(z.string()),
  query: z.string(),
  raw: z.boolean(),
  scrollTop: z.number(),
  rawScrollTop: z.number(),
  active: z.nullable(z.string()),
}) satisfies z.ZodMiniType<PersistedState>;

export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  const parsed = webviewMessage.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** The deployment a restored panel showed; only the ref matters to the extension. */
export function refFromState(raw: unknown): PanelRef | undefined {
  const full = persistedState.safeParse(raw);
  if (full.success) return full.data.ref;
  // A state from an older or newer webview still names its deployment.
  const partial = z.object({ ref: panelRef }).safeParse(raw);
  return partial.success ? partial.data.ref : undefined;
}
