/**
 * Hovering a timestamp in the deployment's JSON document shows its date, in
 * the person's locale, beside the JSON language server's own hover.
 */
import * as vscode from 'vscode';
import { JSON_DOCUMENT_SCHEME } from '../constants';
import { formatDate, formatRelative } from '../util/time';
import { timestampAt } from './timestampText';

export class TimestampHover implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const found = timestampAt(document.lineAt(position.line).text, position.character);
    if (!found) return undefined;
    const locale = vscode.env.language;
    const text = `${formatDate(found.value, locale)} (${formatRelative(found.value, Date.now(), locale)})`;
    const range = new vscode.Range(position.line, found.start, position.line, found.end);
    return new vscode.Hover(new vscode.MarkdownString().appendText(text), range);
  }
}

export function registerTimestampHover(): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ scheme: JSON_DOCUMENT_SCHEME }, new TimestampHover());
}
