import type { Services } from '../../services';
import { registerCommand } from '../../shared/commands';
import { openNextUnread } from './next-unread';
import { unreadStatusItem } from './unread-status';

/** The reading flow: "Next Unread" and the status bar count of what is left to read. */
export function activate(services: Services): void {
  services.context.subscriptions.push(
    registerCommand(services, 'paperReader.reading.next', (arg?: unknown) => openNextUnread(services, arg)),
    unreadStatusItem(services),
  );
}
