import type { SourceConfigInput } from '../../electron/common/model/source-config.js';
import type { SourceSecrets } from '../../electron/common/model/source-secrets.js';
import { startJsmOpsFake } from '../fakes/jsm-ops-fake.js';
import { fakeUsername, startOpsgenieFake } from '../fakes/opsgenie-fake.js';
import { startHealthchecksFake } from '../fakes/healthchecks-fake.js';
import { startNodepingFake } from '../fakes/nodeping-fake.js';
import { startPagerDutyFake } from '../fakes/pagerduty-fake.js';
import { startSplunkOnCallFake } from '../fakes/splunk-oncall-fake.js';
import { startAlertmanager } from './alertmanager-harness.js';

/** One answer, as a provider (or the proxy in front of it) gives it. */
export interface CannedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * One source kind, as the fault tests need it: what it talks to, and how that provider words
 * the answers a fault plays. A new source kind is one more rig in `sourceRigs`.
 */
export interface SourceRig {
  /** Column heading. */
  name: string;
  /** Starts what the source polls; links it writes into answers point at `publicUrl`. */
  start(publicUrl: string): Promise<RigService>;
  /** A 429; with `retryAfterSeconds`, saying when to come back the provider's own ways. */
  throttled(retryAfterSeconds?: number): CannedAnswer;
  /** The provider's throttling answer that is not a 429; undefined where it has none. */
  throttled403?: CannedAnswer;
  /** What the provider answers a key it does not (or no longer) accept. */
  credentialsRefused: CannedAnswer;
  /**
   * Why the reason shown for refused credentials may speak of throttling: the provider answers
   * both with the same status (Splunk On-Call's 403, PROVIDERS.md §3).
   */
  credentialsLookLikeThrottling?: string;
  /** JSON the provider could send, of a shape no poll can use as a whole. */
  wrongShape: unknown;
  /** The first bytes of a real answer, cut off. */
  malformed: string;
  /**
   * Acks never reach the provider: it has none, and Onwatch keeps them (Healthchecks.io,
   * NodePing). Such a rig has no column in the actions-under-faults table.
   */
  acksStayLocal?: boolean;
}

/** A source's config as its provider needs it; the test names it and sets its timing. */
type ProviderConfig = SourceConfigInput extends infer Config
  ? Config extends unknown
    ? Omit<Config, 'id' | 'name'>
    : never
  : never;

export interface RigService {
  /** Where the proxy forwards to. */
  upstream: string;
  /** The source's config (without id, name and timing), reaching the provider at `baseUrl`. */
  config(baseUrl: string): ProviderConfig;
  secrets: SourceSecrets;
  /**
   * How many acks of this incident reached the provider: silences Alertmanager holds for it,
   * ack requests a fake received. Absent where acks stay in Onwatch (`acksStayLocal`).
   */
  acksOf?(externalId: string): Promise<number>;
  stop(): Promise<void>;
}

const json = (value: unknown) => JSON.stringify(value);
const retryAfter = (seconds?: number): Record<string, string> =>
  seconds === undefined ? {} : { 'retry-after': String(seconds) };

const alertmanager: SourceRig = {
  name: 'Alertmanager',
  async start() {
    const am = await startAlertmanager();
    // Firing for the whole run: given an end and no start, Alertmanager would start them then.
    const startsAt = new Date().toISOString();
    const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
    await am.postAlerts(
      ['DiskFull', 'HighLatency', 'CertExpiring'].map((alertname, i) => ({
        labels: { alertname, severity: i === 0 ? 'critical' : 'warning', instance: `web-${i}` },
        annotations: { summary: `${alertname} on web-${i}` },
        startsAt,
        endsAt,
      })),
    );
    return {
      upstream: am.baseUrl,
      // Behind an authenticating reverse proxy, as many teams run it.
      config: (baseUrl) => ({ kind: 'alertmanager', baseUrl, auth: { type: 'bearer' } }),
      secrets: { token: 'alertmanager-proxy-token' },
      acksOf: async (fingerprint) => {
        const alert = (await (await fetch(`${am.baseUrl}/api/v2/alerts`)).json()) as {
          fingerprint: string;
          labels: Record<string, string>;
        }[];
        const name = alert.find((a) => a.fingerprint === fingerprint)?.labels.alertname;
        const silences = await am.listSilences();
        return silences.filter(
          (s) => s.status.state !== 'expired' && s.matchers.some((m) => m.value === name),
        ).length;
      },
      stop: () => am.stop(),
    };
  },
  // Alertmanager never throttles; the reverse proxy in front of it may.
  throttled: (seconds) => ({
    status: 429,
    headers: { 'content-type': 'text/plain', ...retryAfter(seconds) },
    body: 'Too Many Requests',
  }),
  credentialsRefused: {
    status: 401,
    headers: { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' },
    body: 'Unauthorized',
  },
  wrongShape: { status: 'success', data: { alerts: [] } },
  malformed: '[{"annotations":{"summary":"DiskFull on web-0"},"endsAt":"2026-',
};

const pagerDuty: SourceRig = {
  name: 'PagerDuty',
  async start() {
    const fake = await startPagerDutyFake();
    return {
      upstream: fake.baseUrl,
      config: (apiBaseUrl) => ({ kind: 'pagerduty', email: fake.me.email, apiBaseUrl }),
      secrets: { token: fake.tokens.user },
      acksOf: async (id) =>
        fake.writes('PUT').filter((w) => w.path.includes(id) || JSON.stringify(w.body).includes(id))
          .length,
      stop: () => fake.stop(),
    };
  },
  // PagerDuty says when its budget refills in ratelimit-reset (and documents no Retry-After).
  throttled: (seconds) => ({
    status: 429,
    headers:
      seconds === undefined
        ? {}
        : {
            'ratelimit-limit': '960',
            'ratelimit-remaining': '0',
            'ratelimit-reset': `${seconds}`,
            ...retryAfter(seconds),
          },
    body: json({ error: { message: 'Rate Limit Exceeded', code: 2020 } }),
  }),
  credentialsRefused: {
    status: 401,
    body: json({ error: { message: 'Authentication failed', code: 2006 } }),
  },
  wrongShape: { user: { id: 'PUSER01', type: 'user', summary: 'Jane Doe' } },
  malformed: '{"incidents":[{"id":"PINC001","type":"incident","summary":"[#1] Checkout',
};

const opsgenie: SourceRig = {
  name: 'Opsgenie',
  async start(publicUrl) {
    const fake = await startOpsgenieFake({ linkOrigin: publicUrl });
    return {
      upstream: fake.url,
      config: (apiBaseUrl) => ({ kind: 'opsgenie', username: fakeUsername, apiBaseUrl }),
      secrets: { token: fake.apiKey },
      acksOf: async (id) =>
        fake.requests.filter(
          (r) => r.method === 'POST' && r.path === `/v2/alerts/${id}/acknowledge`,
        ).length,
      stop: () => fake.stop(),
    };
  },
  throttled: (seconds) => ({
    status: 429,
    headers: {
      'x-ratelimit-state': 'THROTTLED',
      'x-ratelimit-reason': 'SEARCH',
      ...(seconds === undefined
        ? {}
        : { 'x-ratelimit-period-in-sec': `${seconds}`, ...retryAfter(seconds) }),
    },
    body: json({ message: 'Rate limit reached', took: 0.001, requestId: 'rate-limited' }),
  }),
  credentialsRefused: {
    status: 401,
    body: json({ message: 'Could not authenticate', took: 0.001, requestId: 'refused' }),
  },
  wrongShape: { result: 'Request will be processed', took: 0.002, requestId: 'wrong-shape' },
  malformed: '{"data":[{"id":"70413a06-38d6-4c85-92b8-5ebc900d42e2","tinyId":"1","alias":',
};

const jsmOps: SourceRig = {
  name: 'JSM Operations',
  async start() {
    const fake = await startJsmOpsFake();
    return {
      upstream: fake.url,
      // One proxy stands for both the Atlassian site and api.atlassian.com.
      config: (baseUrl) => ({
        kind: 'jsm-ops',
        siteUrl: baseUrl,
        email: fake.email,
        apiBaseUrl: baseUrl,
      }),
      secrets: { token: fake.token },
      acksOf: async (id) =>
        fake.requests.filter(
          (r) => r.method === 'POST' && r.path.endsWith(`/alerts/${id}/acknowledge`),
        ).length,
      stop: () => fake.stop(),
    };
  },
  throttled: (seconds) => ({
    status: 429,
    headers: retryAfter(seconds),
    body: json({ errors: [{ title: 'Too many requests', code: 'too-many-requests' }] }),
  }),
  credentialsRefused: {
    status: 401,
    body: json({ code: 401, message: 'Client must be authenticated to access this resource.' }),
  },
  wrongShape: { result: 'Request will be processed', requestId: 'wrong-shape', took: 0 },
  malformed: '{"values":[{"id":"70413a06-38d6-4c85-92b8-5ebc900d42e2","tinyId":"1","alias":',
};

const splunkOnCall: SourceRig = {
  name: 'Splunk On-Call',
  async start() {
    const fake = await startSplunkOnCallFake();
    return {
      upstream: fake.url,
      config: (apiBaseUrl) => ({
        kind: 'splunk-oncall',
        apiId: fake.apiId,
        username: fake.users[0]!,
        apiBaseUrl,
      }),
      secrets: { token: fake.apiKey },
      acksOf: async (number) =>
        fake.requests.filter(
          (r) =>
            r.method === 'PATCH' &&
            r.path === '/api-public/v1/incidents/ack' &&
            r.body.includes(`"${number}"`),
        ).length,
      stop: () => fake.stop(),
    };
  },
  throttled: (seconds) => ({
    status: 429,
    headers: retryAfter(seconds),
    body: json({ message: 'Too many requests' }),
  }),
  throttled403: { status: 403, body: json({ message: 'Rate limit reached' }) },
  credentialsRefused: { status: 403, body: json({ message: 'Authentication failed' }) },
  credentialsLookLikeThrottling:
    'Splunk On-Call answers a bad key and throttling with the same 403 (PROVIDERS.md §3)',
  wrongShape: { teamsOnCall: [] },
  malformed: '{"incidents":[{"incidentNumber":"101","currentPhase":"UNACKED","entityId":',
};

const healthchecks: SourceRig = {
  name: 'Healthchecks.io',
  async start() {
    const fake = await startHealthchecksFake();
    return {
      upstream: fake.url,
      config: (apiBaseUrl) => ({ kind: 'healthchecks', apiBaseUrl }),
      secrets: { token: fake.keys.readOnly },
      stop: () => fake.stop(),
    };
  },
  // Healthchecks.io documents the limit, not its headers; a Retry-After is honoured if sent.
  throttled: (seconds) => ({
    status: 429,
    headers: retryAfter(seconds),
    body: json({ error: 'rate limit exceeded' }),
  }),
  credentialsRefused: { status: 401, body: json({ error: 'wrong api key' }) },
  wrongShape: { error: 'missing api key' },
  malformed: '{"checks":[{"name":"Database backup","slug":"database-backup","tags":"prod',
  acksStayLocal: true,
};

const nodeping: SourceRig = {
  name: 'NodePing',
  async start() {
    const fake = await startNodepingFake();
    return {
      upstream: fake.url,
      config: (apiBaseUrl) => ({ kind: 'nodeping', apiBaseUrl }),
      secrets: { token: fake.token },
      stop: () => fake.stop(),
    };
  },
  // NodePing's limits and status codes are unverified (MONITORS.md §2): the common 429.
  throttled: (seconds) => ({
    status: 429,
    headers: retryAfter(seconds),
    body: json({ error: 'Too many requests' }),
  }),
  credentialsRefused: { status: 403, body: json({ error: 'Access denied' }) },
  wrongShape: [{ _id: '201205050153W2Q4C-0J2HSIRF', state: 0 }],
  malformed: '{"201205050153W2Q4C-0J2HSIRF":{"_id":"201205050153W2Q4C-0J2HSIRF","label":"Che',
  acksStayLocal: true,
};

/**
 * Every source kind the fault tests cover, one column each. Pingdom is not among them: it may
 * not be polled more than once a minute, and the matrix polls every few seconds.
 */
export const sourceRigs: readonly SourceRig[] = [
  alertmanager,
  pagerDuty,
  opsgenie,
  jsmOps,
  splunkOnCall,
  healthchecks,
  nodeping,
];
