import { afterEach, describe, expect, it } from 'vitest';
import { healthchecksSourceConfigSchema } from '../../../../../electron/common/providers/healthchecks.js';
import { HealthchecksSource } from '../../../../../electron/core/sources/healthchecks/healthchecks-source.js';
import { PollFindings } from '../../../../../electron/core/sources/poll-report.js';
import { LocalAckStore } from '../../../../../electron/core/sources/local-ack-store.js';
import { silentLog } from '../../../../../electron/core/ports/log.js';
import { makeTempDir } from '../../../../support/temp-dir.js';
import { join } from 'node:path';
import type { SourceError } from '../../../../../electron/core/sources/source-error.js';
import {
  startHealthchecksFake,
  type HealthchecksFake,
} from '../../../../fakes/healthchecks-fake.js';
import { FakeClock } from '../../../../support/fake-clock.js';

let fake: HealthchecksFake;

afterEach(async () => {
  await fake.stop();
});

async function setup(
  options: { key?: 'readWrite' | 'readOnly'; tags?: string; limit?: number } = {},
) {
  const clock = new FakeClock();
  fake = await startHealthchecksFake({ now: () => clock.now(), rateLimitPerMinute: options.limit });
  const source = sourceWith(clock, fake.keys[options.key ?? 'readWrite'], options.tags);
  return { clock, source };
}

function sourceWith(clock: FakeClock, token: string, tags?: string, ackStore?: LocalAckStore) {
  return new HealthchecksSource({
    ackStore,
    config: healthchecksSourceConfigSchema.parse({
      kind: 'healthchecks',
      id: 'hc',
      name: 'Cron jobs',
      apiBaseUrl: `${fake.url}/`,
      ...(tags && { tags }),
    }),
    secrets: { token },
    clock,
  });
}

const signal = () => AbortSignal.timeout(5_000);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as SourceError,
  );

describe('Healthchecks.io statuses', () => {
  it('raises down as high urgency and late (grace) as low; up, new and paused raise nothing', async () => {
    const { source } = await setup();
    const incidents = await source.fetchIncidents(signal());
    expect(incidents.map((i) => [i.title, i.urgency, i.status])).toEqual([
      ['Database backup is down', 'high', 'triggered'],
      ['Invoice run is late', 'low', 'triggered'],
    ]);
    const late = incidents[1]!;
    // Late since the ping was due; the incident says when it last pinged and how it is timed.
    expect(late.createdAt).toBe(new Date(Date.parse(fake.checks[2]!.nextPing!)).toISOString());
    expect(late.annotations).toMatchObject({ period: '1 h', grace: '5 min' });
    expect(incidents[0]!.annotations).toMatchObject({
      schedule: '15 5 * * * (Europe/Riga)',
      grace: '20 min',
      description: 'Runs ~/db-backup.sh',
    });
    expect(incidents[0]!.webUrl).toBe(`${fake.url}/checks/${fake.checks[1]!.uuid}/details/`);
  });

  it('resolves a check by leaving it out once it is up again', async () => {
    const { source } = await setup();
    expect(await source.fetchIncidents(signal())).toHaveLength(2);
    fake.checks[1]!.status = 'up';
    expect((await source.fetchIncidents(signal())).map((i) => i.service)).toEqual(['Invoice run']);
  });

  it('sends the tag filter, and reads a read-only key’s view by its unique_key', async () => {
    const { source } = await setup({ key: 'readOnly', tags: 'prod  db' });
    const incidents = await source.fetchIncidents(signal());
    expect(fake.exchanges.at(-1)!.query).toEqual([
      ['tag', 'prod'],
      ['tag', 'db'],
    ]);
    expect(incidents.map((i) => i.externalId)).toEqual([fake.checks[1]!.uniqueKey]);
    expect(incidents[0]!.webUrl).toBeUndefined();
  });
});

describe('acks kept by Onwatch', () => {
  it('acknowledges a failing check until it recovers; its next failure rings again', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    await source.act(down!, { type: 'ack' }, signal());
    expect((await source.fetchIncidents(signal()))[0]).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: '2026-11-22T09:00:00.000Z',
    });

    fake.checks[1]!.status = 'up';
    await source.fetchIncidents(signal());
    fake.checks[1]!.status = 'down';
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('triggered');
  });

  it('loses no ack while the key is refused, and says plainly why it cannot see', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    await source.act(down!, { type: 'ack' }, signal());

    fake.failWith(401); // the key expired, then a new one was issued under the same value
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth', status: 401 });
    expect(refused.message).toBe(
      "Healthchecks.io refused the API key (HTTP 401): revoked, or another project's",
    );
    fake.failWith(null);
    expect((await source.fetchIncidents(signal()))[0]).toMatchObject({
      externalId: down!.externalId,
      status: 'acknowledged',
    });
  });

  it('never puts the key in what it says when the key is revoked', async () => {
    const { source } = await setup();
    fake.revoke(fake.keys.readWrite);
    const refused = await failure(source.fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth', status: 401 });
    expect(refused.message).not.toContain(fake.keys.readWrite);
  });

  it('refuses any other action in words', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    const refused = await failure(source.act(down!, { type: 'resolve' }, signal()));
    expect(refused).toMatchObject({ kind: 'rejected' });
    expect(down!.capabilities).toMatchObject({ ack: true, resolve: false, snooze: false });
  });
});

describe('limits and keys', () => {
  it('reads a 429 as throttling and keeps the acks it had', async () => {
    // The first poll also reads the down check's failing output: three calls, then one.
    const { clock, source } = await setup({ limit: 4 });
    const [down] = await source.fetchIncidents(signal());
    await source.act(down!, { type: 'ack' }, signal());
    await source.fetchIncidents(signal());
    const throttled = await failure(source.fetchIncidents(signal()));
    expect(throttled).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(throttled.message).toMatch(/^rate limited by 127\.0\.0\.1:\d+ \(HTTP 429\)$/);

    await clock.advance(60_000); // the fake's minute is over
    expect((await source.fetchIncidents(signal()))[0]!.status).toBe('acknowledged');
  });

  it('says a key of the wrong length is wrong before sending it', async () => {
    const clock = new FakeClock();
    fake = await startHealthchecksFake({ now: () => clock.now() });
    const refused = await failure(sourceWith(clock, 'hcw_short').fetchIncidents(signal()));
    expect(refused).toMatchObject({ kind: 'auth' });
    expect(refused.message).toBe('a Healthchecks.io API key is 32 characters; this one has 9');
    expect(fake.exchanges).toEqual([]);
  });

  it('names the project’s host, the key’s access and the checks by state on Test connection', async () => {
    const { source } = await setup({ key: 'readOnly' });
    const report = await source.testConnection(signal());
    const host = new URL(fake.url).host;
    expect(report).toEqual({
      summary: `Healthchecks.io project at ${host}: 5 checks (1 up, 1 down, 1 late, 1 paused, 1 new)`,
      identity: 'read-only project key',
      allowedActions: ['ack'],
    });
  });
});

describe('odd checks', () => {
  it('costs only the check it cannot read, and says so on the source', async () => {
    const { source } = await setup();
    fake.oddItems.push(
      { name: 'no id', status: 'down' },
      { uuid: 'c0ffee00-0000-4000-8000-000000000000', status: 42 },
      {
        uuid: 'c0ffee00-0000-4000-8000-000000000001',
        status: 'down',
        name: null,
        slug: 'nameless',
        grace: 'soon',
        last_ping: 'yesterday-ish',
        timeout: -1,
      },
      { unique_key: 'abc', status: 'sideways' },
    );
    const findings = new PollFindings();
    const incidents = await source.fetchIncidents(signal(), findings);

    expect(incidents.map((i) => i.title)).toEqual([
      'Database backup is down',
      'Invoice run is late',
      'nameless is down',
    ]);
    expect(incidents[2]!.annotations).toMatchObject({ lastPing: 'never' });
    expect(findings.notes).toEqual([
      '2 checks could not be read: uuid: a check with neither uuid nor unique_key; status: Invalid input: expected string, received number',
      '1 check has a status Onwatch does not know ("sideways"): not shown as failing',
      // Its output is only a detail: the check is still an incident without it.
      expect.stringMatching(/^a failing check's output could not be read: .*HTTP 404/),
    ]);
  });

  it('fails the poll when nothing at all could be read', async () => {
    const { source } = await setup();
    fake.checks.splice(0);
    fake.oddItems.push({ status: 'down' }, 'not a check');
    const error = await failure(source.fetchIncidents(signal()));
    expect(error).toMatchObject({ kind: 'bad-response' });
    expect(error.message).toMatch(/^none of the 2 checks could be read/);
  });
});

describe('Pause check (read-write keys only)', () => {
  it('is offered with a read-write key and pauses the check, which then raises nothing', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    expect(down!.capabilities).toMatchObject({ ack: true, pause: true });

    await source.act(down!, { type: 'pause' }, signal());
    const sent = fake.exchanges.at(-1)!;
    expect([sent.method, sent.path, sent.requestBody]).toEqual([
      'POST',
      `/api/v3/checks/${fake.checks[1]!.uuid}/pause`,
      '',
    ]);
    expect(fake.checks[1]!.status).toBe('paused');
    expect((await source.fetchIncidents(signal())).map((i) => i.service)).toEqual(['Invoice run']);
    expect((await source.testConnection(signal())).allowedActions).toEqual(['ack', 'pause']);
  });

  it('is hidden with a read-only key, and refused in words if asked anyway', async () => {
    const { source } = await setup({ key: 'readOnly' });
    const [down] = await source.fetchIncidents(signal());
    expect(down!.capabilities.pause).toBe(false);
    const refused = await failure(source.act(down!, { type: 'pause' }, signal()));
    expect(refused).toMatchObject({ kind: 'rejected' });
    expect(fake.exchanges.filter((e) => e.method === 'POST')).toEqual([]);
  });

  it('is refused for good when the server says the key cannot write', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    fake.revoke(fake.keys.readWrite);
    const refused = await failure(source.act(down!, { type: 'pause' }, signal()));
    expect(refused).toMatchObject({ kind: 'rejected', status: 401 });
    expect(refused.message).toBe(
      'Healthchecks.io refused the change (HTTP 401): this project key is read-only',
    );
  });

  it('is refused for good when the check is gone', async () => {
    const { source } = await setup();
    const [, late] = await source.fetchIncidents(signal());
    fake.checks.splice(2, 1); // someone deleted it meanwhile
    const refused = await failure(source.act(late!, { type: 'pause' }, signal()));
    expect(refused).toMatchObject({ kind: 'rejected', status: 404 });
    expect(refused.message).toBe('Healthchecks.io no longer has this check');
  });
});

describe('the last failing ping’s output', () => {
  it('is in the down check’s incident as plain text, read once per outage', async () => {
    const { source } = await setup();
    const [down] = await source.fetchIncidents(signal());
    expect(down!.annotations!['last failure output']).toBe(
      'pg_dump: error: connection to server at "db-1" failed: FATAL: too many connections\nbackup aborted',
    );
    const calls = () => fake.exchanges.filter((e) => e.path.includes('/pings/')).length;
    expect(calls()).toBe(2); // the pings, then the failing one's body
    await source.fetchIncidents(signal());
    expect(calls()).toBe(2);
    // The late check has no failure of its own to show.
    expect((await source.fetchIncidents(signal()))[1]!.annotations).not.toHaveProperty(
      'last failure output',
    );
  });

  it('is cut at 4 KB and stripped of control characters, so it can only ever be text', async () => {
    const { source } = await setup();
    const hostile = `\u001b[31mred\u001b[0m \u202Eevil\u202C\tok\r\n${'x'.repeat(10_000)}`;
    fake.checks[1]!.pings[0]!.body = hostile;
    const [down] = await source.fetchIncidents(signal());
    const output = down!.annotations!['last failure output']!;
    expect(output.startsWith('[31mred[0m evil\tok\nxxx')).toBe(true);
    expect(output.endsWith('\n… (cut at 4 KB)')).toBe(true);
    expect(output.length).toBeLessThan(4 * 1024 + 40);
  });

  it('is left out when a success came after the last failure, or the key is read-only', async () => {
    const { source } = await setup();
    fake.checks[1]!.pings.unshift({ type: 'success', n: 13, date: new Date().toISOString() });
    const [down] = await source.fetchIncidents(signal());
    expect(down!.annotations).not.toHaveProperty('last failure output');

    await fake.stop();
    const reader = await setup({ key: 'readOnly' });
    const [seen] = await reader.source.fetchIncidents(signal());
    expect(seen!.annotations).not.toHaveProperty('last failure output');
    expect(fake.exchanges.some((e) => e.path.includes('/pings/'))).toBe(false);
  });
});

describe('acks across a restart', () => {
  it('keeps a down check acknowledged when Onwatch starts again', async () => {
    const dir = await makeTempDir();
    const { clock } = await setup();
    const path = join(dir.path, 'monitor-acks.json');
    const before = await LocalAckStore.open({ path, clock, log: silentLog });
    const source = sourceWith(clock, fake.keys.readWrite, undefined, before);
    const [down] = await source.fetchIncidents(signal());
    await source.act(down!, { type: 'ack' }, signal());
    await before.flush();

    const after = await LocalAckStore.open({ path, clock, log: silentLog });
    const restarted = sourceWith(clock, fake.keys.readWrite, undefined, after);
    const [again, late] = await restarted.fetchIncidents(signal());
    expect(again).toMatchObject({ key: down!.key, status: 'acknowledged' });
    expect(late).toMatchObject({ status: 'triggered' });
    await dir.remove();
  });
});

describe('Healthchecks.io checks on the Checks page', () => {
  it('lists every check: down and late with their incidents, paused and new as such', async () => {
    const { source } = await setup();
    const incidents = await source.fetchIncidents(signal());
    expect(source.checks().map((view) => [view.name, view.state, view.type])).toEqual([
      ['Filesystem backup', 'up', 'ping'],
      ['Database backup', 'down', 'cron'],
      ['Invoice run', 'late', 'ping'],
      ['Staging smoke test', 'paused', 'ping'],
      ['New report job', 'unknown', 'ping'],
    ]);
    expect(source.checks().flatMap((view) => view.incidentKey ?? [])).toEqual(
      incidents.map((incident) => incident.key),
    );
  });
});
