/**
 * How soon a new page is seen, on call (fast lane on) and off call, and what it costs in
 * requests: the whole core polling each provider (the real Alertmanager; the loopback fakes of
 * PagerDuty, Opsgenie and Splunk On-Call), pages injected at random moments, each timed from
 * the moment it exists at the provider to its desktop notification.
 *
 * The core and the fakes run on a clock ten times faster than real time, so the figures are in
 * the core's seconds and minutes; the core's own processing is stretched tenfold with them,
 * which makes the delays an upper bound.
 */
import diagnostics from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { secretAccount } from '../../electron/core/ports/secret-store.js';
import type { Clock } from '../../electron/core/ports/clock.js';
import { OnwatchCore } from '../../electron/core/onwatch-core.js';
import { MemorySecretStore } from '../../electron/core/secrets/memory-secret-store.js';
import { fakeUsername, startOpsgenieFake } from '../fakes/opsgenie-fake.js';
import { startPagerDutyFake } from '../fakes/pagerduty-fake.js';
import { startSplunkOnCallFake } from '../fakes/splunk-oncall-fake.js';
import { startAlertmanager } from '../support/alertmanager-harness.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';
import { fastClock, TimingNotifier } from './sped-up-core.js';

const speed = 10;
const pollIntervalSeconds = 30;

export interface LaneFigures {
  provider: string;
  lane: 'on call' | 'off call';
  pages: number;
  /** Seconds from the page existing at the provider to its notification. */
  p50: number;
  p99: number;
  requestsPerMinute: number;
  /** The most requests any one minute of the run held. */
  peakPerMinute: number;
}

/** What the bench needs of a provider: a source config, and pages it can raise and clear. */
interface Provider {
  name: string;
  origin: string;
  config: Record<string, unknown>;
  token?: string;
  raise(title: string): Promise<void>;
  clear(title: string): Promise<void>;
  stop(): Promise<void>;
}

const providers: ((clock: Clock) => Promise<Provider>)[] = [
  async () => {
    const am = await startAlertmanager();
    const alert = (title: string, endsAt: Date) => ({
      labels: { alertname: title.replace(/\W/g, ''), severity: 'critical' },
      annotations: { summary: title },
      endsAt: endsAt.toISOString(),
    });
    return {
      name: 'Alertmanager',
      origin: new URL(am.baseUrl).origin,
      config: { kind: 'alertmanager', baseUrl: am.baseUrl },
      raise: (title) => am.postAlerts([alert(title, new Date(Date.now() + 3_600_000))]),
      clear: (title) => am.postAlerts([alert(title, new Date())]),
      stop: () => am.stop(),
    };
  },
  async (clock) => {
    const fake = await startPagerDutyFake({ now: () => clock.now() });
    const template = fake.state.incidents.find((i) => i.status === 'triggered')!;
    return {
      name: 'PagerDuty',
      origin: new URL(fake.baseUrl).origin,
      config: { kind: 'pagerduty', email: fake.me.email, apiBaseUrl: fake.baseUrl },
      token: fake.tokens.user,
      raise: async (title) => {
        const at = new Date(clock.now()).toISOString();
        fake.state.incidents.push({
          ...template,
          id: `PB${fake.state.incidents.length}`,
          number: 5000 + fake.state.incidents.length,
          title,
          incidentKey: title,
          assigneeIds: [fake.me.id],
          acknowledgements: [],
          notes: [],
          createdAt: at,
          updatedAt: at,
        });
      },
      clear: async (title) => {
        fake.state.incidents.find((i) => i.title === title)!.status = 'resolved';
      },
      stop: () => fake.stop(),
    };
  },
  async (clock) => {
    // Opsgenie serves up to 100 alerts a page; the fake's default of 5 is for paging tests.
    const fake = await startOpsgenieFake({ pageSize: 100 });
    const template = [...fake.alerts.values()][0]!;
    let count = 0;
    return {
      name: 'Opsgenie',
      origin: new URL(fake.url).origin,
      config: { kind: 'opsgenie', username: fakeUsername, apiBaseUrl: fake.url },
      token: fake.apiKey,
      raise: async (title) => {
        const at = new Date(clock.now()).toISOString();
        count++;
        fake.addAlert({
          ...template,
          id: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
          tinyId: String(9000 + count),
          alias: `bench-${count}`,
          message: title,
          owner: fakeUsername,
          acknowledged: false,
          status: 'open',
          createdAt: at,
          updatedAt: at,
        });
      },
      clear: async (title) => {
        for (const alert of fake.alerts.values())
          if (alert.message === title) alert.status = 'closed';
      },
      stop: () => fake.stop(),
    };
  },
  async (clock) => {
    const fake = await startSplunkOnCallFake({ now: () => clock.now() });
    const template = fake.incidents.find((i) => i.currentPhase === 'triggered')!;
    let count = 0;
    return {
      name: 'Splunk On-Call',
      origin: new URL(fake.url).origin,
      config: {
        kind: 'splunk-oncall',
        apiId: fake.apiId,
        username: fake.users[0],
        apiBaseUrl: fake.url,
      },
      token: fake.apiKey,
      raise: async (title) => {
        const at = new Date(clock.now()).toISOString();
        count++;
        fake.incidents.push({
          ...template,
          incidentNumber: String(7000 + count),
          entityId: `bench/${count}`,
          entityDisplayName: title,
          pagedUsers: [fake.users[0]!],
          startTime: at,
          lastAlertTime: at,
          transitions: [{ name: 'triggered', at, manually: false }],
        });
      },
      clear: async (title) => {
        fake.incidents.find((i) => i.entityDisplayName === title)!.currentPhase = 'resolved';
      },
      stop: () => fake.stop(),
    };
  },
];

async function measure(
  start: (clock: Clock) => Promise<Provider>,
  lane: LaneFigures['lane'],
  pages: number,
): Promise<LaneFigures> {
  const clock = fastClock(speed);
  const provider = await start(clock);
  const dir = await makeTempDir('onwatch-fast-lane-');
  const requestsAt: number[] = [];
  const providerHost = new URL(provider.origin).host;
  const onRequest = (message: unknown) => {
    const { request } = message as { request: { getHeader(name: string): unknown } };
    if (request.getHeader('host') === providerHost) requestsAt.push(clock.now());
  };
  diagnostics.subscribe('http.client.request.start', onRequest);
  const notifier = new TimingNotifier(() => clock.now());
  let core: OnwatchCore | undefined;
  try {
    const settingsPath = join(dir.path, 'settings.json');
    const source = { ...provider.config, id: 'src', name: provider.name, pollIntervalSeconds };
    await writeFile(
      settingsPath,
      JSON.stringify({
        version: 1,
        responderName: 'alice',
        sources: [source],
        attention: { fastLane: lane === 'on call' ? 'always' : 'off' },
      }),
    );
    const secrets = new MemorySecretStore();
    if (provider.token) await secrets.set(secretAccount('src', 'token'), provider.token);
    core = await OnwatchCore.start({
      settingsPath,
      secrets,
      clock,
      notifier,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      watchRunbooks: false,
    });
    const started = core;
    await until(() => started.getState().sources[0]?.health === 'ok', provider.name, 30_000);

    const delays: number[] = [];
    const measuredFrom = clock.now();
    for (let page = 0; page < pages; page++) {
      // A moment at random against the polls: anywhere in an interval, 4 s after the last page.
      const gapMs = 4_000 + Math.random() * pollIntervalSeconds * 1000;
      await new Promise((resolve) => setTimeout(resolve, gapMs / speed));
      const title = `Bench page ${page} on ${provider.name}`;
      const raisedAt = clock.now();
      await provider.raise(title);
      const shown = () => [...notifier.firstShown].find(([body]) => body.includes(title))?.[1];
      await until(() => shown() !== undefined, `a notification for ${title}`, 120_000);
      delays.push((shown()! - raisedAt) / 1000);
      await provider.clear(title);
    }
    const minutes = (clock.now() - measuredFrom) / 60_000;
    const measured = requestsAt.filter((at) => at >= measuredFrom);
    const sent = measured.length;
    const peakPerMinute = Math.max(
      ...measured.map(
        (at) => measured.filter((other) => other >= at && other < at + 60_000).length,
      ),
    );
    const sorted = delays.sort((a, b) => a - b);
    return {
      provider: provider.name,
      lane,
      pages,
      p50: sorted[Math.floor(sorted.length / 2)]!,
      p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
      requestsPerMinute: sent / minutes,
      peakPerMinute,
    };
  } finally {
    diagnostics.unsubscribe('http.client.request.start', onRequest);
    await core?.stop();
    await provider.stop();
    await dir.remove();
  }
}

/** Every provider on call and off call: on call with more pages, as its tail is the claim. */
export async function measureFastLane(): Promise<LaneFigures[]> {
  const figures: LaneFigures[] = [];
  for (const start of providers) {
    figures.push(await measure(start, 'on call', 30));
    figures.push(await measure(start, 'off call', 10));
  }
  return figures;
}
