import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthchecksSourceConfigSchema } from '../../electron/common/providers/healthchecks.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { HealthchecksSource } from '../../electron/core/sources/healthchecks/healthchecks-source.js';
import { startHealthchecksFake, type HealthchecksFake } from '../fakes/healthchecks-fake.js';
import { JsonSchemaContract } from '../support/json-schema-contract.js';

/*
 * Contract test: Healthchecks.io publishes no OpenAPI file, so the contract is our own JSON
 * Schema, written from PROVIDERS.md §6 and HEALTH-CHECKS.md §4.5. Every request the source sends
 * in a whole session (both kinds of key, a tag filter, status changes, a revoked key, throttling)
 * and every answer the fake gives must match it: the fake is only worth trusting while its
 * answers conform, and the source only while it sends what the API takes.
 */

const schemaFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../support/schemas/healthchecks.schema.json',
);

const contract = new JsonSchemaContract(schemaFile, [
  {
    method: 'GET',
    path: /^\/api\/v3\/checks\/$/,
    headers: 'requestHeaders',
    query: 'listChecksQuery',
    responses: { 200: 'listChecksResponse', 401: 'errorResponse', 429: 'errorResponse' },
  },
  {
    method: 'POST',
    path: /^\/api\/v3\/checks\/[0-9a-f-]{36}\/pause$/,
    headers: 'writeHeaders',
    query: 'noQuery',
    responses: { 200: 'readWriteCheck', 401: 'errorResponse', 404: 'errorResponse' },
  },
  {
    method: 'GET',
    path: /^\/api\/v3\/checks\/[0-9a-f-]{36}\/pings\/$/,
    headers: 'requestHeaders',
    query: 'noQuery',
    responses: { 200: 'listPingsResponse', 401: 'errorResponse', 404: 'errorResponse' },
  },
  {
    method: 'GET',
    path: /^\/api\/v3\/checks\/[0-9a-f-]{36}\/pings\/\d+\/body$/,
    headers: 'requestHeaders',
    query: 'noQuery',
    responses: { 200: 'pingBody', 401: 'errorResponse', 404: 'errorResponse' },
    textResponses: [200],
  },
]);

const signal = () => AbortSignal.timeout(10_000);

function sourceFor(fake: HealthchecksFake, token: string, tags?: string) {
  return new HealthchecksSource({
    config: healthchecksSourceConfigSchema.parse({
      kind: 'healthchecks',
      id: 'hc-contract',
      name: 'Contract',
      apiBaseUrl: fake.url,
      ...(tags && { tags }),
    }),
    secrets: { token },
    clock: systemClock,
  });
}

describe('Healthchecks.io contract (hand-written JSON Schema)', () => {
  let fake: HealthchecksFake;
  let throttled: HealthchecksFake;

  beforeAll(async () => {
    fake = await startHealthchecksFake();
    throttled = await startHealthchecksFake({ rateLimitPerMinute: 1 });

    const writer = sourceFor(fake, fake.keys.readWrite);
    const reader = sourceFor(fake, fake.keys.readOnly, 'prod backups');
    await writer.testConnection(signal());
    await reader.testConnection(signal());
    const [down] = await writer.fetchIncidents(signal());
    await writer.act(down!, { type: 'pause' }, signal());
    fake.checks[0]!.status = 'grace';
    fake.checks[4]!.status = 'up';
    await reader.fetchIncidents(signal());
    fake.revoke(fake.keys.readWrite);
    await writer.fetchIncidents(signal()).catch(() => undefined);

    const busy = sourceFor(throttled, throttled.keys.readOnly);
    await busy.fetchIncidents(signal());
    await busy.fetchIncidents(signal()).catch(() => undefined);
  });

  afterAll(async () => {
    await fake?.stop();
    await throttled?.stop();
  });

  it('holds for every request the source sent and every answer the fake gave', () => {
    const exchanges = [...fake.exchanges, ...throttled.exchanges];
    // The eight above, and the down check's pings and failing body on the first poll.
    expect(exchanges.length).toBe(10);
    expect(exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('covered both kinds of key, the tag filter, and refusals as well as answers', () => {
    const exchanges = [...fake.exchanges, ...throttled.exchanges];
    expect(new Set(exchanges.map((e) => e.status))).toEqual(new Set([200, 401, 429]));
    expect(new Set(exchanges.map((e) => e.headers?.['x-api-key']))).toEqual(
      new Set([fake.keys.readWrite, fake.keys.readOnly, throttled.keys.readOnly]),
    );
    expect(fake.exchanges.some((e) => e.query.length === 2)).toBe(true);
    expect(fake.exchanges.filter((e) => e.method === 'POST').map((e) => e.status)).toEqual([200]);
  });

  it('catches an answer the contract does not allow, so the checks above can fail', () => {
    const good = fake.exchanges.find((e) => e.status === 200)!;
    const body = JSON.parse(good.responseBody) as { checks: Record<string, unknown>[] };
    body.checks[0]!.status = 'late';
    delete body.checks[0]!.grace;
    const problems = contract.check({ ...good, responseBody: JSON.stringify(body) });
    expect(problems.length).toBeGreaterThan(0);
    expect(contract.check({ ...good, query: [['tags', 'prod']] })).toContainEqual(
      expect.stringMatching(/query: \/ must NOT have additional properties/),
    );
  });
});
