/**
 * The messages between the details panel (src/details/panel.ts) and its
 * webview (media/details.ts), shared by both sides: each side switches on
 * `type`, so adding a message without handling it fails to compile.
 *
 * The handshake: the webview posts `ready` when its script has run (also after
 * it was hidden and shown again, or restored after a reload); the extension
 * answers with `init`, then with what it has to show: `loading`,
 * `deployment` or `error`.
 *
 * Types only: the webview bundle imports this file with `import type`, and
 * the extension checks what arrives from the webview in ./guards.ts.
 */
import type { Schema, ViolationTemplates } from './outline';

/** Which deployment a panel shows: what the serializer needs to bring it back after a reload. */
export interface PanelRef {
  readonly id: string;
  readonly teamId?: string | undefined;
}

/** A button of the header: each runs the extension's command of the same name on the panel's deployment. */
export type HeaderAction = 'cancel' | 'redeploy' | 'promote' | 'rollback' | 'showLogs' | 'showRuntimeLogs' | 'openOnVercel';

/**
 * The header of a panel: what a person looks for first, decided and worded
 * by the extension. Every string in it may come from the deployment (commit
 * message, branch, author) and is shown as text only.
 */
export interface DeploymentHeader {
  /** The project's name. */
  readonly name: string;
  /** The commit's first line, else the short id. */
  readonly title: string;
  /** `readyState` as Vercel sent it, e.g. `READY`. */
  readonly state: string;
  /** The state in words, translated. */
  readonly stateLabel: string;
  /** Queued or building: the panel follows it and the duration counts up. */
  readonly live: boolean;
  /** `https://…` of the deployment; opened by the extension. */
  readonly url?: string | undefined;
  /** Production, Preview, or a custom environment, translated. */
  readonly targetLabel: string;
  readonly production: boolean;
  /** It serves the project's production domains right now. */
  readonly current: boolean;
  readonly branch?: string | undefined;
  readonly commit?:
    | {
        /** The message's first line. */
        readonly message?: string | undefined;
        readonly sha?: string | undefined;
        readonly shortSha?: string | undefined;
        /** The commit's page on GitHub, GitLab or Bitbucket. */
        readonly url?: string | undefined;
      }
    | undefined;
  readonly author?: string | undefined;
  /** ms since the epoch. */
  readonly createdAt: number;
  /**
   * How long the build took or has run: `template` holds `{0}` for the
   * duration; `end` is undefined while it runs (the webview counts on).
   */
  readonly build?: { readonly template: string; readonly start: number; readonly end?: number | undefined } | undefined;
  /**
   * The hosts it answers on besides `url`, e.g. `shop.com` while it is
   * Current, or the branch's alias: shown as links to `https://{host}`.
   */
  readonly domains?: readonly string[] | undefined;
  /** A failed build's error: it leads the header. */
  readonly error?: { readonly message: string; readonly code?: string | undefined; readonly step?: string | undefined } | undefined;
  /** The buttons that apply, in order. */
  readonly actions: readonly HeaderAction[];
}

/** Every word the webview shows, translated by the extension (`vscode.l10n.t`). `{0}` is filled in by the webview. */
export interface WebviewStrings {
  readonly treeLabel: string;
  readonly filterPlaceholder: string;
  readonly filterLabel: string;
  readonly expandAll: string;
  readonly collapseAll: string;
  readonly showRaw: string;
  readonly openJson: string;
  readonly showLogs: string;
  /** Header buttons, by action. */
  readonly actions: Readonly<Record<HeaderAction, string>>;
  readonly actionsLabel: string;
  readonly current: string;
  /** Tooltip of the Current mark. */
  readonly currentTitle: string;
  readonly branchLabel: string;
  readonly commitLabel: string;
  readonly authorLabel: string;
  readonly createdLabel: string;
  readonly durationLabel: string;
  readonly domainsLabel: string;
  /** `{0}`: how many more domains there are than the header lists. */
  readonly moreDomains: string;
  readonly buildFailed: string;
  /** `{0}`: the error code. */
  readonly errorCode: string;
  /** `{0}`: the step the build failed in. */
  readonly errorStep: string;
  readonly openCommit: string;
  readonly openDeploymentUrl: string;
  readonly refresh: string;
  readonly retry: string;
  readonly loading: string;
  readonly errorTitle: string;
  readonly copyPath: string;
  readonly copyValue: string;
  readonly openLink: string;
  readonly required: string;
  readonly optional: string;
  /** A field the schema does not describe. */
  readonly unknownField: string;
  /** An open enum's value that is not among the documented ones. */
  readonly undocumentedValue: string;
  readonly breaksSchema: string;
  readonly noDescription: string;
  readonly noSchema: string;
  /** `{0}` items of an array. */
  readonly items: string;
  readonly oneItem: string;
  /** `{0}` keys of an object. */
  readonly fields: string;
  readonly oneField: string;
  /** `{0}` rows match. */
  readonly matches: string;
  /** `{0}`: the filter text. */
  readonly noMatches: string;
  readonly detailsLabel: string;
  readonly typeLabel: string;
  readonly pathLabel: string;
  readonly descriptionLabel: string;
  readonly allowedLabel: string;
  readonly valueLabel: string;
  readonly problemsLabel: string;
  /** `{0}`: how many characters were left out. */
  readonly truncated: string;
  readonly violations: ViolationTemplates;
}

/** Extension → webview. */
export type HostMessage =
  | {
      readonly type: 'init';
      readonly ref: PanelRef;
      readonly strings: WebviewStrings;
      /** `vscode.env.language`, for dates and numbers. */
      readonly locale: string;
      /** The deployment's JSON Schema, exported from the zod schemas. */
      readonly schema: Schema;
    }
  | { readonly type: 'loading' }
  | {
      readonly type: 'deployment';
      /** The response as JSON: shown as text only, never as markup. */
      readonly deployment: unknown;
      readonly header: DeploymentHeader;
    }
  /** The header alone changed (the Current mark moved, an action stopped applying): the outline stays as it is. */
  | { readonly type: 'header'; readonly header: DeploymentHeader }
  | { readonly type: 'error'; readonly message: string };

export type CopyKind = 'path' | 'value';

/** Webview → extension. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openUrl'; readonly url: string }
  | { readonly type: 'copy'; readonly kind: CopyKind; readonly text: string }
  | { readonly type: 'reload' }
  | { readonly type: 'openJson' }
  /** A header button; the extension checks that the action still applies, then runs its command. */
  | { readonly type: 'action'; readonly action: HeaderAction }
  /**
   * The person worked in the page (a click, a key, a wheel): posted once per
   * page load. A preview panel then becomes a panel of its own, as an
   * editor's preview tab does.
   */
  | { readonly type: 'interacted' };

/**
 * What the webview keeps with `setState`: VS Code hands it back after the
 * panel was hidden and shown, and to the serializer after a window reload.
 * Expansion is stored as a baseline plus exceptions, so "expand all" on a huge
 * response stays a few bytes.
 */
export interface PersistedState {
  readonly v: 1;
  readonly ref: PanelRef;
  readonly baseline: 'collapsed' | 'expanded';
  /** Ids (JSON paths) whose expansion differs from the baseline. */
  readonly toggled: readonly string[];
  readonly query: string;
  readonly raw: boolean;
  readonly scrollTop: number;
  readonly rawScrollTop: number;
  /** Id of the focused row. */
  readonly active: string | null;
}
