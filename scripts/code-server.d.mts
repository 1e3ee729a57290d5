// Types of scripts/code-server.mjs for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export const EXTENSION_ID: string;
export const OUTPUT_CHANNEL: string;
export const QUIET_SETTINGS: Record<string, unknown>;

export class MissingToolError extends Error {}

export function cacheRoot(): string;
export function codeServerDir(): string;
export function checkPrerequisites(options?: { forInstall?: boolean; forBrowser?: boolean }): void;
export function ensureCodeServer(options?: { log?: (message: string) => void }): string;
export function freePort(): Promise<number>;
export function tempDir(prefix: string, base?: string): string;
export function installVsix(vsix: string, dirs: { extensionsDir: string; userDataDir?: string }): string;
export function writeUserSettings(userDataDir: string, settings?: Record<string, unknown>): void;

export interface CodeServer {
  url: string;
  port: number;
  host: string;
  root: string;
  userDataDir: string;
  extensionsDir: string;
  output(): string;
  stop(): Promise<void>;
  process: ChildProcess;
}

export function startCodeServer(options?: {
  root?: string;
  userDataDir?: string;
  extensionsDir?: string;
  settings?: Record<string, unknown>;
  port?: number;
  host?: string;
  folder?: string;
  env?: Record<string, string>;
  inheritOutput?: boolean;
  timeoutMs?: number;
  /** Leave Workspace Trust on (Restricted Mode until the folder is trusted). */
  workspaceTrust?: boolean;
}): Promise<CodeServer>;

export function workbenchUrl(serverUrl: string, folder: string, payload?: [string, string][]): string;

export interface LogFile {
  path: string;
  text: string;
}
export function extensionLogs(userDataDir: string): { exthost: LogFile[]; output: LogFile[]; agent: LogFile[]; all: string[] };
export function extensionHostExited(userDataDir: string): boolean;
export function activationErrors(userDataDir: string, extensionId?: string): string[];
export function activationSeen(userDataDir: string, extensionId?: string): boolean;

/** Aborts every request of the context to a host other than loopback. */
export function keepLocal(context: import('playwright-core').BrowserContext): Promise<void>;
