import * as vscode from 'vscode';
import { classifyFetchError, type FetchFailure } from '../../core';

/** An answer larger than this is not a day of papers (a real one is about 100 KB). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

export type DayResponse = { ok: true; text: string } | { ok: false; failure: FetchFailure };

/**
 * GETs one day of the Daily Papers. It uses the extension host's `fetch`, which VS Code
 * routes through the user's proxy settings. Every way it can fail comes back as a value.
 */
export async function requestDay(url: string, timeoutSeconds: number, token: vscode.CancellationToken): Promise<DayResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutSeconds * 1000);
  const cancel = token.onCancellationRequested(() => controller.abort());
  const host = new URL(url).host;
  try {
    const response = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' }, redirect: 'follow' });
    if (!response.ok) {
      // The body of an error page is not needed; reading it would only wait longer.
      void response.body?.cancel().catch(() => undefined);
      return { ok: false, failure: { kind: 'http', status: response.status, statusText: response.statusText } };
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return { ok: false, failure: { kind: 'body', detail: vscode.l10n.t('{0} bytes', declared) } };
    const text = await response.text();
    if (text.length > MAX_BODY_BYTES) return { ok: false, failure: { kind: 'body', detail: vscode.l10n.t('{0} characters', text.length) } };
    return { ok: true, text };
  } catch (error) {
    if (token.isCancellationRequested) return { ok: false, failure: { kind: 'cancelled' } };
    if (timedOut) return { ok: false, failure: { kind: 'timeout', seconds: timeoutSeconds } };
    return { ok: false, failure: classifyFetchError(error, host) };
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

/** One sentence naming the day and the cause. */
export function describeFailure(day: string, failure: FetchFailure): string {
  switch (failure.kind) {
    case 'offline':
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: the server could not be reached ({1}). Check the network and try again.', day, failure.detail);
    case 'dns':
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: the name {1} could not be resolved (offline, or a DNS problem).', day, failure.host);
    case 'timeout':
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: no answer within {1} s.', day, failure.seconds);
    case 'cancelled':
      return vscode.l10n.t('Fetching the Daily Papers of {0} was cancelled.', day);
    case 'http':
      if (failure.status === 429) return vscode.l10n.t('Could not fetch the Daily Papers of {0}: too many requests (HTTP 429). Wait a minute and try again.', day);
      if (failure.status >= 500) return vscode.l10n.t('Could not fetch the Daily Papers of {0}: the server failed (HTTP {1}). Try again later.', day, `${failure.status} ${failure.statusText}`.trim());
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: the server refused the request (HTTP {1}).', day, `${failure.status} ${failure.statusText}`.trim());
    case 'body':
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: the answer is not a Daily Papers list ({1}).', day, failure.detail);
    case 'endpoint':
      return vscode.l10n.t('Could not fetch the Daily Papers of {0}: "{1}" is not an http(s) address (setting paperReader.fetch.endpoint).', day, failure.endpoint);
  }
}
