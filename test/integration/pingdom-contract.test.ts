import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pingdomSourceConfigSchema } from '../../electron/common/providers/pingdom.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { PingdomSource } from '../../electron/core/sources/pingdom/pingdom-source.js';
import { startPingdomFake, type PingdomFake } from '../fakes/pingdom-fake.js';
import { ApiContract } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * Contract test: a whole session of PingdomSource against the fake (Test connection, a down
 * check with its error text, another down check in a maintenance window, a tag filter, a revoked
 * token, a spent request budget), and every successful exchange checked against the vendor's
 * OpenAPI file. The file documents no error responses (only their shape, in its description), so
 * refusals are checked against that shape here. Without the spec only the spec check skips.
 */

const specFile = specPath('pingdom-3.1.openapi.yaml');
const signal = () => AbortSignal.timeout(10_000);

/** Every operation the source uses; the session must exercise each. */
const operations: [string, RegExp][] = [
  ['GET', /^\/api\/3\.1\/checks$/],
  ['GET', /^\/api\/3\.1\/results\/\d+$/],
  ['GET', /^\/api\/3\.1\/maintenance\.occurrences$/],
  ['GET', /^\/api\/3\.1\/maintenance$/],
  ['GET', /^\/api\/3\.1\/alerting\/contacts$/],
];

function sourceFor(fake: PingdomFake, tags?: string) {
  return new PingdomSource({
    config: pingdomSourceConfigSchema.parse({
      kind: 'pingdom',
      id: 'pingdom-contract',
      name: 'Contract',
      apiBaseUrl: fake.apiUrl,
      ...(tags && { tags }),
    }),
    secrets: { token: fake.token },
    clock: systemClock,
  });
}

let contract: ApiContract;
let fake: PingdomFake;
let spent: PingdomFake;

beforeAll(async () => {
  if (specFile) contract = await ApiContract.load(specFile);
  fake = await startPingdomFake();
  spent = await startPingdomFake({ shortLimit: 1 });

  const nowSeconds = Math.floor(Date.now() / 1000);
  fake.checks[1]!.status = 'down';
  fake.maintenance.push({
    id: 7,
    description: 'Marketing site migration',
    from: nowSeconds - 600,
    to: nowSeconds + 3600,
    checks: [fake.checks[1]!.id],
  });
  const source = sourceFor(fake);
  await source.testConnection(signal());
  await source.fetchIncidents(signal());
  await sourceFor(fake, 'checkout, production').fetchIncidents(signal());
  fake.revoke();
  await source.fetchIncidents(signal()).catch(() => undefined);

  const busy = sourceFor(spent);
  await busy.fetchIncidents(signal()).catch(() => undefined);
  await busy.fetchIncidents(signal()).catch(() => undefined);
  busy.dispose();
  source.dispose();
});

afterAll(async () => {
  await fake?.stop();
  await spent?.stop();
});

describe('Pingdom contract (the vendor’s OpenAPI 3.1 file)', () => {
  it.skipIf(!specFile)('holds for every request the source sent and every answer given', () => {
    const answered = [...fake.exchanges, ...spent.exchanges].filter((e) => e.status === 200);
    expect(answered.length).toBeGreaterThanOrEqual(7);
    expect(answered.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('covered every operation the source uses, and refusals as well as answers', () => {
    const exchanges = [...fake.exchanges, ...spent.exchanges];
    for (const [method, pattern] of operations) {
      expect(exchanges.some((e) => e.method === method && pattern.test(e.path))).toBe(true);
    }
    expect(new Set(exchanges.map((e) => e.status))).toEqual(new Set([200, 401, 429]));
  });

  it('refuses in the shape the spec’s description gives', () => {
    const refusals = [...fake.exchanges, ...spent.exchanges].filter((e) => e.status !== 200);
    expect(refusals.length).toBeGreaterThan(0);
    for (const refusal of refusals) {
      expect(JSON.parse(refusal.responseBody)).toEqual({
        error: {
          statuscode: refusal.status,
          statusdesc: expect.any(String),
          errormessage: expect.any(String),
        },
      });
    }
  });

  it('sent the token as a Bearer header on every request, never in the URL', () => {
    for (const exchange of [...fake.exchanges, ...spent.exchanges]) {
      expect(exchange.headers?.authorization).toBe(`Bearer ${fake.token}`);
      expect(exchange.query.flat().join(' ')).not.toContain(fake.token);
    }
  });

  it.skipIf(!specFile)('catches what the spec does not allow, so the check above can fail', () => {
    const list = fake.exchanges.find((e) => e.path.endsWith('/checks') && e.status === 200)!;
    const body = JSON.parse(list.responseBody) as { checks: Record<string, unknown>[] };
    body.checks[0]!.status = 'broken';
    body.checks[0]!.lastdownstart = 'yesterday';
    expect(contract.check({ ...list, responseBody: JSON.stringify(body) }).length).toBe(2);
    expect(contract.check({ ...list, query: [['tag', 'x']] })).toContainEqual(
      expect.stringMatching(/unknown query parameter "tag"/),
    );
  });
});
