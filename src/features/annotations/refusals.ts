import * as vscode from 'vscode';
import type { Refusal } from './command-args';
import { PALETTE } from './palette';

/** A refused command argument, in the reader's words. */
export function refusalMessage(refusal: Refusal): string {
  switch (refusal.kind) {
    case 'not-a-paper-id':
      return vscode.l10n.t('{0} is not a paper id.', refusal.given);
    case 'not-an-annotation-id':
      return vscode.l10n.t('{0} is not an annotation id.', refusal.given);
    case 'not-a-colour':
      return vscode.l10n.t('{0} is not a highlight colour; use one of: {1}.', refusal.given, PALETTE.join(', '));
    case 'not-a-reply':
      return vscode.l10n.t('{0} is not the number of a reply.', refusal.given);
    case 'not-text':
      return vscode.l10n.t('The {0} must be text, not {1}.', refusal.field, refusal.given);
    case 'too-long':
      return vscode.l10n.t('The {0} is longer than {1} characters.', refusal.field, refusal.max);
    case 'unexpected':
      return vscode.l10n.t('The command cannot act on {0}.', refusal.given);
    case 'not-our-thread':
      return vscode.l10n.t('This thread shows no saved annotation.');
  }
}

/** Tells the reader why the command did nothing. */
export function showRefusal(refusal: Refusal): void {
  void vscode.window.showWarningMessage(refusalMessage(refusal));
}
