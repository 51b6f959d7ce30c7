import { tokenParam, webSocketPath } from '../../electron/common/contract/web-protocol.js';

/** The browser host's socket on the page's own host, carrying the token the page was opened with. */
export function webSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(location.search).get(tokenParam) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${webSocketPath}?${tokenParam}=${encodeURIComponent(token)}`;
}
