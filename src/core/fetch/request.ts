/** Building the Daily Papers request and naming what went wrong with it, in words a reader can act on. */

/** `<endpoint>?date=YYYY-MM-DD`, keeping any query the endpoint already has. */
export function dailyPapersUrl(endpoint: string, day: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  url.searchParams.set('date', day);
  return url.toString();
}

/** What a failed request means for the reader: the cause, without the stack. */
export type FetchFailure =
  | { kind: 'offline'; detail: string }
  | { kind: 'dns'; host: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'cancelled' }
  | { kind: 'http'; status: number; statusText: string }
  | { kind: 'body'; detail: string }
  | { kind: 'endpoint'; endpoint: string };

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'EAI_AGAIN']);

/** Classifies what `fetch` threw: Node's fetch wraps the socket error as `cause`. */
export function classifyFetchError(error: unknown, host: string): FetchFailure {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  const code = String((cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown } | undefined)?.code ?? '');
  if (code === 'ENOTFOUND') return { kind: 'dns', host };
  if (OFFLINE_CODES.has(code)) return { kind: 'offline', detail: code };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'offline', detail: code || message };
}
