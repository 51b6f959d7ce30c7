import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { opsgenieSourceConfigSchema } from '../../../../../electron/common/providers/opsgenie.js';
import { OpsgenieClient } from '../../../../../electron/core/sources/opsgenie/opsgenie-client.js';
import { onCallsSchema } from '../../../../../electron/core/sources/opsgenie/opsgenie-schemas.js';
import { SharedLimits } from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import { SourceError } from '../../../../../electron/core/sources/source-error.js';
import { FakeClock } from '../../../../support/fake-clock.js';
import {
  fakeUsername,
  startOpsgenieFake,
  type OpsgenieFake,
} from '../../../../fakes/opsgenie-fake.js';

let fake: OpsgenieFake;
/** GET /v2/alerts/count: a cheap request to pace. */
const countAlertsSchema = z.object({ data: z.object({ count: z.number().int() }) });

beforeAll(async () => {
  fake = await startOpsgenieFake();
});
afterAll(() => fake.stop());
beforeEach(() => {
  fake.requests.length = 0;
});

function clientFor(apiBaseUrl: string | undefined, clock = new FakeClock()) {
  const config = opsgenieSourceConfigSchema.parse({
    kind: 'opsgenie',
    id: 'og',
    name: 'Opsgenie',
    username: fakeUsername,
    apiBaseUrl,
  });
  return new OpsgenieClient(config, fake.apiKey, clock, new SharedLimits());
}

describe('OpsgenieClient', () => {
  it('talks to the region’s host unless a base URL replaces it', () => {
    expect(clientFor(undefined).url('/v2/alerts').href).toBe('https://api.opsgenie.com/v2/alerts');
    const eu = new OpsgenieClient(
      opsgenieSourceConfigSchema.parse({
        kind: 'opsgenie',
        id: 'og',
        name: 'Opsgenie',
        region: 'eu',
        username: fakeUsername,
      }),
      'key',
      new FakeClock(),
      new SharedLimits(),
    );
    expect(eu.url('/v2/alerts').href).toBe('https://api.eu.opsgenie.com/v2/alerts');
    expect(clientFor('https://proxy.acme.example/opsgenie/').url('/v2/account').href).toBe(
      'https://proxy.acme.example/opsgenie/v2/account',
    );
  });

  it('follows paging links to the alert list on the configured root, and no others', () => {
    const client = clientFor('https://proxy.acme.example/opsgenie');
    const current = client.url('/v2/alerts', { query: 'status:open', limit: '100', offset: '0' });
    const next = (link: string) => {
      const answer = client.nextAlertPage(link, current);
      return 'url' in answer ? answer.url.href : answer.refused;
    };
    expect(next('https://proxy.acme.example/opsgenie/v2/alerts?offset=100')).toBe(
      'https://proxy.acme.example/opsgenie/v2/alerts?offset=100',
    );
    expect(next('/opsgenie/v2/alerts?offset=5')).toBe(
      'https://proxy.acme.example/opsgenie/v2/alerts?offset=5',
    );
    // Another host (what a proxy relays names Opsgenie) is never asked: it lends its offset.
    const paged = 'https://proxy.acme.example/opsgenie/v2/alerts?query=status%3Aopen&limit=100';
    expect(next('https://api.opsgenie.com/v2/alerts?offset=100&limit=100')).toBe(
      `${paged}&offset=100`,
    );
    expect(next('https://evil.example:8443/v2/alerts?offset=1&query=status:closed')).toBe(
      `${paged}&offset=1`,
    );
    expect(next('https://proxy.acme.example/opsgenie/v2/users?offset=1')).toBe(
      "Opsgenie's next-page link does not lead to its alert list (proxy.acme.example/opsgenie/v2/users)",
    );
    expect(next('https://api.opsgenie.com/v2/alerts/count')).toBe(
      "Opsgenie's next-page link does not lead to its alert list (api.opsgenie.com/v2/alerts/count)",
    );
    expect(next('https://api.opsgenie.com/v2/alerts?offset=-5')).toBe(
      "Opsgenie's next-page link names no page (api.opsgenie.com/v2/alerts)",
    );
    expect(next('mailto:ops@acme.example')).toBe(
      "Opsgenie's next-page link does not lead to its alert list",
    );
    expect(next('http://[::1')).toBe("Opsgenie's next-page link is not a link");
  });

  it('spaces requests per rate-limit domain without one domain waiting for another', async () => {
    const clock = new FakeClock();
    const client = clientFor(fake.url, clock);
    const signal = AbortSignal.timeout(10_000);
    const count = () =>
      client.request('alert', client.url('/v2/alerts/count'), {
        schema: countAlertsSchema,
        signal,
      });
    const counts = [count(), count(), count()];
    const onCalls = client.request('schedule', client.url('/v2/schedules/on-calls'), {
      schema: onCallsSchema,
      signal,
    });

    await vi.waitFor(() => expect(fake.requests).toHaveLength(2));
    await onCalls;
    expect(clock.pendingTimers()).toBe(2);
    await clock.advance(199);
    expect(clock.pendingTimers()).toBe(2);
    await clock.advance(1);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(3));
    await clock.advance(200);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(4));
    expect(await Promise.all(counts)).toHaveLength(3);
  });

  it('shares the pace with every client on the same key, until the last lets go', async () => {
    const clock = new FakeClock();
    const limits = new SharedLimits();
    const config = opsgenieSourceConfigSchema.parse({
      kind: 'opsgenie',
      id: 'og',
      name: 'Opsgenie',
      username: fakeUsername,
      apiBaseUrl: fake.url,
    });
    const [a, b] = [1, 2].map(() => new OpsgenieClient(config, fake.apiKey, clock, limits));
    const signal = AbortSignal.timeout(10_000);
    const count = (client: OpsgenieClient) =>
      client.request('alert', client.url('/v2/alerts/count'), {
        schema: countAlertsSchema,
        signal,
      });
    const both = Promise.all([count(a!), count(b!)]);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(200);
    await both;
    a!.dispose();
    expect(limits.size).toBe(1);
    b!.dispose();
    expect(limits.size).toBe(0);
  });

  it('counts the wait for its turn against the caller’s deadline', async () => {
    const clock = new FakeClock();
    const client = clientFor(fake.url, clock);
    const url = client.url('/v2/alerts/count');
    await client.request('alert', url, {
      schema: countAlertsSchema,
      signal: AbortSignal.timeout(5_000),
    });
    const controller = new AbortController();
    const waiting = client.request('alert', url, {
      schema: countAlertsSchema,
      signal: controller.signal,
    });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'timeout' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports an unusable base URL as a configuration problem', () => {
    const client = new OpsgenieClient(
      {
        ...opsgenieSourceConfigSchema.parse({
          kind: 'opsgenie',
          id: 'og',
          name: 'O',
          username: 'u',
        }),
        apiBaseUrl: 'https://user:pw@proxy.example',
      },
      'key',
      new FakeClock(),
      new SharedLimits(),
    );
    expect(() => client.url('/v2/alerts')).toThrow(SourceError);
  });
});
