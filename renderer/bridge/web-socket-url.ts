import type { tokenParam, webSocketPath } from '../../electron/common/contract/web-protocol.js';

// The renderer may not import the contract's runtime values; these annotations fail the
// type check if the contract's constants ever change.
const path: typeof webSocketPath = '/api/ws';
const param: typeof tokenParam = 'token';

/** The browser host's socket on the page's own host, carrying the token the page was opened with. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get(param) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?${param}=${encodeURIComponent(token)}`;
}
