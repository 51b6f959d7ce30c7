import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActionContext } from '../../../../electron/common/model/action.js';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { alertmanagerSourceConfigSchema } from '../../../../electron/common/providers/alertmanager.js';
import { systemClock } from '../../../../electron/core/ports/clock.js';
import { AlertmanagerSource } from '../../../../electron/core/sources/alertmanager/alertmanager-source.js';
import { PollFindings } from '../../../../electron/core/sources/poll-report.js';
import {
  freeLoopbackPort,
  startLoopbackServer,
  type LoopbackServer,
} from '../../../support/loopback-server.js';
import { sourceFailure } from '../../../support/source-failure.js';

/*
 * One Alertmanager source over the replicas of an HA cluster, against loopback stand-ins that
 * answer, refuse, hang or lose a reply on demand. The same against real, clustered
 * Alertmanagers: test/integration/alertmanager-replicas.test.ts.
 */

type Behaviour = 'answer' | 'hang';

/** A replica stand-in: the same alerts as its peers, and silences it may have from gossip. */
interface Replica {
  url: string;
  requests: { method: string; path: string }[];
  behaviour: Behaviour;
  /** What POST /silences does: create and answer, or create and lose the answer. */
  onPost: 'answer' | 'lose-reply';
  silences: { id: string; comment: string; status: { state: string } }[];
  /** What it lists as firing. */
  firing: typeof firing;
  stop(): Promise<void>;
}

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

const firing = [
  {
    fingerprint: 'f1',
    labels: { alertname: 'DiskFull', instance: 'db-1' },
    annotations: { summary: 'Disk full on db-1' },
    startsAt: '2026-11-22T08:55:00.000Z',
    updatedAt: '2026-11-22T08:59:00.000Z',
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  },
];

async function replica(): Promise<Replica> {
  const state: Omit<Replica, 'url' | 'stop'> = {
    requests: [],
    behaviour: 'answer',
    onPost: 'answer',
    silences: [],
    firing,
  };
  const server = await startLoopbackServer((req, res, body) => {
    const path = (req.url ?? '').replace(/^\/api\/v2\//, '');
    state.requests.push({ method: req.method ?? '', path });
    if (state.behaviour === 'hang') return;
    const send = (value: unknown) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'POST' && path === 'silences') {
      const id = `s${state.silences.length + 1}`;
      const { comment } = JSON.parse(body) as { comment: string };
      state.silences.push({ id, comment, status: { state: 'active' } });
      if (state.onPost === 'lose-reply') return;
      return send({ silenceID: id });
    }
    if (path.startsWith('alerts/groups?')) {
      return send([{ labels: {}, receiver: { name: 'null' }, alerts: state.firing }]);
    }
    if (path === 'silences') {
      return send(
        state.silences.map((s) => ({
          ...s,
          createdBy: 'onwatch',
          startsAt: '2026-11-22T09:00:00.000Z',
        })),
      );
    }
    if (path === 'status') {
      return send({ versionInfo: { version: '0.25.0' }, cluster: { status: 'ready' } });
    }
    res.writeHead(404).end();
  });
  servers.push(server);
  return Object.assign(state, { url: server.url, stop: () => server.stop() });
}

/** A replica that is down: nothing listens on its port. */
async function downReplica(): Promise<string> {
  return `http://127.0.0.1:${await freeLoopbackPort()}`;
}

function source(urls: string[], timeoutSeconds = 4): AlertmanagerSource {
  const [baseUrl, ...replicaUrls] = urls;
  return new AlertmanagerSource({
    config: alertmanagerSourceConfigSchema.parse({
      kind: 'alertmanager',
      id: 'am',
      name: 'Alertmanager HA',
      baseUrl,
      replicaUrls,
      timeoutSeconds,
    }),
    secrets: {},
    responderName: () => 'alice',
    clock: systemClock,
  });
}

const signal = () => AbortSignal.timeout(10_000);
const hostOf = (url: string) => new URL(url).host;
const alertReads = (r: Replica) => r.requests.filter((q) => q.path.startsWith('alerts'));

describe('polling replicas', () => {
  it('reads the first replica while it answers, and asks the others only how they are', async () => {
    const [a, b] = [await replica(), await replica()];
    const am = source([a.url, b.url]);

    await am.fetchIncidents(signal());
    const findings = new PollFindings();
    await vi.waitFor(() => expect(b.requests).toHaveLength(1));
    await am.fetchIncidents(signal(), findings);

    expect(alertReads(a)).toHaveLength(2);
    await vi.waitFor(() => expect(b.requests.map((r) => r.path)).toEqual(['status', 'status']));
    expect(findings.replicaStates).toEqual([
      { url: hostOf(a.url), answering: true },
      { url: hostOf(b.url), answering: true },
    ]);
    am.dispose();
  });

  it('fails over to the next replica within the same poll, and says which one is down', async () => {
    const down = await downReplica();
    const b = await replica();
    const am = source([down, b.url]);
    const findings = new PollFindings();

    const incidents = await am.fetchIncidents(signal(), findings);

    expect(incidents.map((i) => i.externalId)).toEqual(['f1']);
    expect(findings.replicaStates).toEqual([
      {
        url: hostOf(down),
        answering: false,
        problem: `nothing is listening at ${hostOf(down)} (connection refused)`,
      },
      { url: hostOf(b.url), answering: true },
    ]);
    am.dispose();
  });

  it('shows the same incidents whichever replica answered, links included', async () => {
    const [a, b] = [await replica(), await replica()];
    const am = source([a.url, b.url]);
    const fromA = await am.fetchIncidents(signal());
    await a.stop();

    const fromB = await am.fetchIncidents(signal());

    expect(alertReads(b)).toHaveLength(1);
    expect(fromB).toEqual(fromA);
    expect(fromB[0]!.webUrl?.startsWith(`${a.url}/#/alerts?`)).toBe(true);
    am.dispose();
  });

  it('keeps an alert where it was when the next replica dates it a little apart', async () => {
    const [a, b] = [await replica(), await replica()];
    b.firing = [{ ...firing[0]!, startsAt: '2026-11-22T08:54:59.980Z' }];
    const am = source([a.url, b.url]);
    const fromA = await am.fetchIncidents(signal());
    await a.stop();

    const fromB = await am.fetchIncidents(signal());

    expect(fromB).toEqual(fromA);
    expect(fromB[0]!.createdAt).toBe('2026-11-22T08:55:00.000Z');
    am.dispose();
  });

  it('gives a hanging replica only its share of the deadline, then asks it last for a while', async () => {
    const [a, b] = [await replica(), await replica()];
    a.behaviour = 'hang';
    const am = source([a.url, b.url], 2);

    let started = Date.now();
    const first = await am.fetchIncidents(signal());
    const failover = Date.now() - started;
    started = Date.now();
    const second = await am.fetchIncidents(signal());
    const skipped = Date.now() - started;

    expect(first.map((i) => i.externalId)).toEqual(['f1']);
    expect(second).toEqual(first);
    // Half of the 2 s deadline went to the hanging replica, the rest was left for the next.
    expect(failover).toBeGreaterThanOrEqual(900);
    expect(failover).toBeLessThan(1900);
    expect(skipped).toBeLessThan(500);
    expect(alertReads(a)).toHaveLength(1);
    am.dispose();
  });

  it('is blind only when every replica fails, and then names each failure', async () => {
    const [a, b] = [await downReplica(), await downReplica()];
    const am = source([a, b]);
    const findings = new PollFindings();

    const error = await sourceFailure(am.fetchIncidents(signal(), findings));

    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `no replica answered (${hostOf(a)}: nothing is listening at ${hostOf(a)} (connection refused); ` +
        `${hostOf(b)}: nothing is listening at ${hostOf(b)} (connection refused))`,
    );
    expect(findings.replicaStates?.map((r) => r.answering)).toEqual([false, false]);
    am.dispose();
  });

  it('keeps a single replica’s own error, without replica details', async () => {
    const down = await downReplica();
    const am = source([down]);
    const findings = new PollFindings();

    const error = await sourceFailure(am.fetchIncidents(signal(), findings));

    expect(error.message).toBe(`nothing is listening at ${hostOf(down)} (connection refused)`);
    expect(findings.replicaStates).toBeUndefined();
  });
});

describe('acking through replicas', () => {
  const incident = {
    key: 'am:f1',
    externalId: 'f1',
    title: 'Disk full on db-1',
    labels: firing[0]!.labels,
  } as unknown as Incident;
  const context: ActionContext = {
    actionId: '5d1c9e2a-4b7f-4c3e-9a01-abcdefabcdef',
    mayHaveBeenSent: false,
  };
  const posts = (r: Replica) => r.requests.filter((q) => q.method === 'POST');

  it('creates the silence once, on the first replica that answers', async () => {
    const down = await downReplica();
    const [b, c] = [await replica(), await replica()];
    const am = source([down, b.url, c.url]);

    await am.act(incident, { type: 'ack' }, signal(), context);

    expect(posts(b)).toHaveLength(1);
    expect(posts(c)).toEqual([]);
    am.dispose();
  });

  it('after a lost reply, finds the silence the cluster shared and creates no second one', async () => {
    const [a, b] = [await replica(), await replica()];
    a.onPost = 'lose-reply';
    const am = source([a.url, b.url], 2);
    // Gossip: what reaches replica a is on replica b a moment later.
    const gossip = setInterval(() => (b.silences = [...a.silences]), 50);

    await am.act(incident, { type: 'ack' }, signal(), context);
    clearInterval(gossip);

    expect(posts(a)).toHaveLength(1);
    expect(posts(b)).toEqual([]);
    expect(b.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET silences']);
    am.dispose();
  });

  it('after a lost reply the cluster never heard of, creates it on the next replica', async () => {
    const [a, b] = [await replica(), await replica()];
    a.behaviour = 'hang';
    const am = source([a.url, b.url], 2);

    await am.act(incident, { type: 'ack' }, signal(), context);

    expect(b.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET silences',
      'POST silences',
    ]);
    expect(b.silences).toHaveLength(1);
    am.dispose();
  });
});

describe('testing the connection to replicas', () => {
  it('asks every replica and says which answer', async () => {
    const a = await replica();
    const down = await downReplica();
    const am = source([a.url, down]);

    const { summary } = await am.testConnection(signal());

    expect(summary).toBe(
      `Alertmanager 0.25.0, cluster ready, 1 firing alert, 1 of 2 replicas answers ` +
        `(${hostOf(down)}: nothing is listening at ${hostOf(down)} (connection refused))`,
    );
    am.dispose();
  });

  it('answers within the deadline when a replica hangs, naming it', async () => {
    const [a, b] = [await replica(), await replica()];
    a.behaviour = 'hang';
    const am = source([a.url, b.url], 2);

    const started = Date.now();
    const { summary } = await am.testConnection(AbortSignal.timeout(2_000));

    expect(Date.now() - started).toBeLessThan(1_900);
    expect(summary).toBe(
      `Alertmanager 0.25.0, cluster ready, 1 firing alert, 1 of 2 replicas answers ` +
        `(${hostOf(a.url)}: ${hostOf(a.url)} did not answer in time)`,
    );
    am.dispose();
  });
});
