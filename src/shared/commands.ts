import * as vscode from 'vscode';
import type { Services } from '../services';

type Run = (...args: never[]) => unknown;

/**
 * Registers a command. Every command of the extension goes through here, so a failure is
 * logged with its stack in the output channel and the reader is told what failed in words,
 * instead of VS Code's generic "command failed" toast. The command's own result (an id,
 * a list) is passed through for callers of executeCommand.
 */
export function registerCommand(services: Pick<Services, 'context' | 'log'>, id: string, run: Run): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (run as (...args: unknown[]) => unknown)(...args);
    } catch (error) {
      reportCommandError(services, id, error);
      return undefined;
    }
  });
}

/** Registers each command of a table and keeps it until the extension deactivates. */
export function registerCommands(services: Pick<Services, 'context' | 'log'>, commands: Record<string, Run>): void {
  for (const [id, run] of Object.entries(commands)) services.context.subscriptions.push(registerCommand(services, id, run));
}

export function reportCommandError(services: Pick<Services, 'context' | 'log'>, id: string, error: unknown): void {
  const title = commandTitle(services.context, id);
  services.log.error(`${title} (${id}) failed:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
  const reason = error instanceof Error ? error.message : String(error);
  void vscode.window.showErrorMessage(vscode.l10n.t('{0} failed: {1}', title, reason), { modal: false });
}

interface ManifestCommand {
  command?: unknown;
  title?: unknown;
  category?: unknown;
}

/** "Papers: Set Reading Status": the command as the palette names it, or its id when the manifest has no title. */
export function commandTitle(context: Pick<vscode.ExtensionContext, 'extension'>, id: string): string {
  const commands: unknown = (context.extension?.packageJSON as { contributes?: { commands?: unknown } } | undefined)?.contributes?.commands;
  const entry = Array.isArray(commands) ? (commands as ManifestCommand[]).find((c) => c.command === id) : undefined;
  if (!entry || typeof entry.title !== 'string') return id;
  return typeof entry.category === 'string' ? `${entry.category}: ${entry.title}` : entry.title;
}
