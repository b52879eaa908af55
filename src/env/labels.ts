/** How environments and variable types read in the view, pickers and messages. */
import * as vscode from 'vscode';
import type { EnvVar } from '../api/envSchemas';
import { targetsOf } from './model';

export function environmentLabel(target: string, custom = !['production', 'preview', 'development'].includes(target)): string {
  switch (target) {
    case 'production':
      return vscode.l10n.t('Production');
    case 'preview':
      return vscode.l10n.t('Preview');
    case 'development':
      return vscode.l10n.t('Development');
    default:
      return custom ? vscode.l10n.t('Custom environment {0}', target) : target;
  }
}

export function typeLabel(type: string): string {
  switch (type) {
    case 'plain':
      return vscode.l10n.t('plain');
    case 'encrypted':
      return vscode.l10n.t('encrypted');
    case 'sensitive':
      return vscode.l10n.t('sensitive');
    case 'system':
      return vscode.l10n.t('system');
    default:
      return type;
  }
}

/** "Production, Preview (feat/x), Custom environment env_…": every environment the variable applies to. */
export function environmentsOf(env: EnvVar): string {
  const standard = targetsOf(env).map((t) => (t === 'preview' && env.gitBranch ? vscode.l10n.t('Preview ({0})', env.gitBranch) : environmentLabel(t)));
  const custom = (env.customEnvironmentIds ?? []).map((id) => environmentLabel(id, true));
  return [...standard, ...custom].join(', ');
}
