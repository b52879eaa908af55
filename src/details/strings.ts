/**
 * The words of the details webview. The extension passes `vscode.l10n`, so
 * they are translated (and found by the l10n extractor, which looks for
 * `l10n.t(…)` calls); the browser tests pass a translator that keeps English.
 */
import type { Translator } from '../util/translator';
import type { WebviewStrings } from './protocol';

/** `{0}` stays in the text: the webview fills it in. */
const LATER = ['{0}'];

export function webviewStrings(l10n: Translator): WebviewStrings {
  return {
    treeLabel: l10n.t('Deployment fields'),
    filterPlaceholder: l10n.t('Filter by key or value'),
    filterLabel: l10n.t('Filter fields by key or value'),
    expandAll: l10n.t('Expand All'),
    collapseAll: l10n.t('Collapse All'),
    showRaw: l10n.t('Raw JSON'),
    openJson: l10n.t('Open as JSON Document'),
    showLogs: l10n.t('Show Build Logs'),
    actions: {
      cancel: l10n.t('Cancel Deployment…'),
      redeploy: l10n.t('Redeploy…'),
      promote: l10n.t('Promote to Production…'),
      rollback: l10n.t('Instant Rollback…'),
      showLogs: l10n.t('Show Build Logs'),
      showRuntimeLogs: l10n.t('Show Runtime Logs'),
      // The tree's menu says the same: one name for one place.
      openOnVercel: l10n.t('Open in Vercel Dashboard'),
    },
    actionsLabel: l10n.t('Deployment actions'),
    current: l10n.t('Current'),
    currentTitle: l10n.t('Serves the production domains right now'),
    branchLabel: l10n.t('Branch'),
    commitLabel: l10n.t('Commit'),
    authorLabel: l10n.t('Author'),
    createdLabel: l10n.t('Created'),
    durationLabel: l10n.t('Build'),
    domainsLabel: l10n.t('Domains'),
    moreDomains: l10n.t({ message: '+{0} more', args: LATER, comment: ['{0} is how many more domains the deployment serves than the header lists'] }),
    buildFailed: l10n.t('The build failed'),
    errorCode: l10n.t({ message: 'Code {0}', args: LATER, comment: ['{0} is Vercel\'s error code of a failed build, e.g. BUILD_FAILED'] }),
    errorStep: l10n.t({ message: 'in step {0}', args: LATER, comment: ['{0} is the step of the deployment that failed, e.g. build'] }),
    openCommit: l10n.t('Open the commit'),
    openDeploymentUrl: l10n.t('Open the deployment'),
    refresh: l10n.t('Refresh'),
    retry: l10n.t('Retry'),
    loading: l10n.t('Loading deployment…'),
    errorTitle: l10n.t('Could not load deployment'),
    copyPath: l10n.t('Copy JSON Path'),
    copyValue: l10n.t('Copy Value'),
    openLink: l10n.t('Open Link'),
    required: l10n.t('required'),
    optional: l10n.t('optional'),
    unknownField: l10n.t('Not in the schema'),
    undocumentedValue: l10n.t('Not a documented value'),
    breaksSchema: l10n.t('Breaks the schema'),
    noDescription: l10n.t('The schema gives no description.'),
    noSchema: l10n.t('The schema does not describe this field.'),
    items: l10n.t({ message: '{0} items', args: LATER, comment: ['{0} is the number of items in a JSON array'] }),
    oneItem: l10n.t('1 item'),
    oneField: l10n.t('1 field'),
    fields: l10n.t({ message: '{0} fields', args: LATER, comment: ['{0} is the number of keys in a JSON object'] }),
    matches: l10n.t({ message: '{0} matches', args: LATER, comment: ['{0} is how many fields match the filter'] }),
    noMatches: l10n.t({ message: 'No field or value matches “{0}”.', args: LATER, comment: ['{0} is the filter text'] }),
    detailsLabel: l10n.t('Field details'),
    typeLabel: l10n.t('Type'),
    pathLabel: l10n.t('Path'),
    descriptionLabel: l10n.t('Description'),
    allowedLabel: l10n.t('Allowed values'),
    valueLabel: l10n.t('Value'),
    problemsLabel: l10n.t('Problems'),
    truncated: l10n.t({ message: '… {0} more characters', args: LATER, comment: ['{0} is a number of characters not shown'] }),
    violations: {
      type: l10n.t({ message: 'Expected {0}, got {1}', args: ['{0}', '{1}'], comment: ['{0} is a JSON type such as "string | null", {1} the type of the value'] }),
      enum: l10n.t({ message: 'Expected one of {0}, got {1}', args: ['{0}', '{1}'], comment: ['{0} lists the allowed values, {1} is the value'] }),
      required: l10n.t({ message: 'Missing required field {0}', args: LATER, comment: ['{0} names the missing fields'] }),
    },
  };
}
