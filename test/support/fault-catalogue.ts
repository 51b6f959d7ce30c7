import type { FaultProxy, ProxyFault } from './fault-proxy.js';
import type { CannedAnswer, SourceRig } from './source-rigs.js';

/** What a fault can pull on while it runs. */
export interface FaultControls {
  rig: SourceRig;
  proxy: FaultProxy;
  /** Makes the source's host name fail to resolve, or resolve again. */
  failDns(down: boolean): Promise<void>;
  /** Saves the source's (good) credentials again from the settings, as a responder would. */
  saveCredentials(): Promise<void>;
}

/** How the source reaches its provider: plain HTTP, HTTPS, or by a host name DNS can lose. */
export type Reach = 'http' | 'https' | 'dns';

/** One row of the fault matrix. */
export interface Fault {
  id: string;
  label: string;
  reach: Reach;
  /** Rigs whose provider has no such fault sit it out ("n/a"). */
  appliesTo(rig: SourceRig): boolean;
  /** What the reason shown must say, in words a responder understands. */
  says(rig: SourceRig): RegExp;
  start(controls: FaultControls): Promise<void>;
  end(controls: FaultControls): Promise<void>;
}

/** Retry-After in the throttling cells: shorter than a poll interval, so "back within one
 * interval" and "honour the provider's timing" ask the same. */
const retryAfterSeconds = 3;
const hugeBodyBytes = 50 * 1024 * 1024;

const always = () => true;
const answer = (canned: CannedAnswer): ProxyFault => ({ kind: 'answer', ...canned });

/** A fault the proxy plays on every request until it ends. */
function proxied(
  row: Pick<Fault, 'id' | 'label'> & {
    reach?: Reach;
    appliesTo?: Fault['appliesTo'];
    says: RegExp | ((rig: SourceRig) => RegExp);
    play(rig: SourceRig): ProxyFault;
  },
): Fault {
  const { says } = row;
  return {
    id: row.id,
    label: row.label,
    reach: row.reach ?? 'http',
    appliesTo: row.appliesTo ?? always,
    says: typeof says === 'function' ? says : () => says,
    start: async ({ rig, proxy }) => proxy.setFault(row.play(rig)),
    end: async ({ proxy }) => proxy.setFault(null),
  };
}

const throttling = /rate.?limit|throttl|too many requests/i;
const credentials = /reject|credential|key|token|permission|denied|unauthori[sz]ed|authenticat/i;

/** Every fault each source must live through, one row each. */
export const faults: readonly Fault[] = [
  proxied({
    id: 'http-500',
    label: 'HTTP 500',
    says: /server error|HTTP 5\d\d/i,
    play: () => answer({ status: 500, body: '{"message":"Internal Server Error"}' }),
  }),
  proxied({
    id: 'hang',
    label: 'no answer (hang)',
    says: /no answer|did not answer|not answer|timed? ?out/i,
    play: () => ({ kind: 'hang' }),
  }),
  proxied({
    id: 'stall',
    label: 'answer stalls mid-body',
    says: /no answer|did not answer|not answer|timed? ?out|stalled|incomplete/i,
    play: () => ({ kind: 'stall' }),
  }),
  proxied({
    id: '429-retry-after',
    label: `429 with Retry-After (${retryAfterSeconds} s)`,
    says: throttling,
    play: (rig) => answer(rig.throttled(retryAfterSeconds)),
  }),
  proxied({
    id: '429-bare',
    label: '429 without Retry-After',
    says: throttling,
    play: (rig) => answer(rig.throttled()),
  }),
  proxied({
    id: '403-throttle',
    label: '403 throttling',
    appliesTo: (rig) => rig.throttled403 !== undefined,
    says: throttling,
    play: (rig) => answer(rig.throttled403!),
  }),
  {
    id: 'credentials',
    label: '401/403 credentials, then saved',
    reach: 'http',
    appliesTo: always,
    says: (rig) =>
      rig.credentialsLookLikeThrottling
        ? new RegExp(`${credentials.source}|${throttling.source}`, 'i')
        : credentials,
    start: async ({ rig, proxy }) => proxy.setFault(answer(rig.credentialsRefused)),
    // The responder fixes the key: the provider takes it again and Onwatch is told so.
    end: async ({ proxy, saveCredentials }) => {
      proxy.setFault(null);
      await saveCredentials();
    },
  },
  proxied({
    id: 'malformed',
    label: 'malformed JSON',
    says: /malformed|JSON|could not be read|unreadable/i,
    play: (rig) => answer({ status: 200, body: rig.malformed }),
  }),
  proxied({
    id: 'wrong-shape',
    label: 'valid JSON, wrong shape',
    says: /unexpected|invalid|could not be read|unusable|expected|shape/i,
    play: (rig) => answer({ status: 200, body: JSON.stringify(rig.wrongShape) }),
  }),
  proxied({
    id: 'huge-body',
    label: 'a 50 MB body',
    says: /larger than|too large|too big|\bMB\b/i,
    play: () => ({ kind: 'huge', bytes: hugeBodyBytes }),
  }),
  proxied({
    id: 'reset',
    label: 'connection reset',
    says: /reset|closed|dropped|connection/i,
    play: () => ({ kind: 'reset' }),
  }),
  proxied({
    id: 'tls-plain',
    label: 'plain bytes on https',
    reach: 'https',
    says: /TLS|SSL|secure|HTTPS|encrypt/i,
    play: () => ({ kind: 'plaintext' }),
  }),
  proxied({
    id: 'tls-untrusted',
    label: 'untrusted certificate',
    reach: 'https',
    says: /certificate|trust/i,
    play: () => ({ kind: 'untrusted-certificate' }),
  }),
  {
    id: 'dns',
    label: 'DNS failure (.invalid host)',
    reach: 'dns',
    appliesTo: always,
    says: () => /resolve|DNS|not found|no such host|unknown host|look ?up/i,
    start: async ({ proxy, failDns }) => {
      await failDns(true);
      // Open connections would carry on without asking DNS again.
      proxy.dropConnections();
    },
    end: ({ failDns }) => failDns(false),
  },
];

/**
 * Raw error codes and library words a responder cannot act on: an errno, an OpenSSL or undici
 * code, fetch's own "fetch failed", a JavaScript error's text.
 */
export const rawErrorWords =
  /\bE[A-Z]{4,}\b|\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b|fetch failed|\bterminated\b|socket hang up|other side closed|Invalid time value|SSL routines|TypeError|AbortError/;
