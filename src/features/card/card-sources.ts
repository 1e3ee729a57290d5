import * as vscode from 'vscode';
import type { NotesHtmlOptions } from '../../core';
import type { Services } from '../../services';
import { resolveWorkspacePath } from '../../shared/workspace-paths';
import type { CardSources } from './card-data';

/** The card's lookups, answered by the services and the workspace. */
export function cardSources(services: Services): CardSources {
  return {
    index: services.index,
    store: services.store,
    notesFile: (id) => {
      const uri = services.store.fileUri(id);
      return uri && vscode.workspace.asRelativePath(uri);
    },
    isWorkspaceFile: (path) => resolveWorkspacePath(path) !== undefined,
    similar: (id) => (services.similar.isReady() ? services.similar.similar(id) : undefined),
    notesHtmlOptions: notesHtmlOptions(),
  };
}

/** Whether the reader allows images from the web in notes at once. */
export function loadRemoteImages(): boolean {
  return vscode.workspace.getConfiguration('paperReader.notes').get<boolean>('loadRemoteImages', false) === true;
}

function notesHtmlOptions(): NotesHtmlOptions {
  return { remoteImages: loadRemoteImages(), loadImageLabel: (host) => vscode.l10n.t('Load image from {0}', host) };
}
