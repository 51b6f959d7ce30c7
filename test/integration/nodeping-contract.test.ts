import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodepingSourceConfigSchema } from '../../electron/common/providers/nodeping.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { NodepingSource } from '../../electron/core/sources/nodeping/nodeping-source.js';
import { startNodepingFake, type NodepingFake } from '../fakes/nodeping-fake.js';
import { JsonSchemaContract } from '../support/json-schema-contract.js';

/*
 * Contract test: NodePing publishes no machine-readable spec, so the contract is our own JSON
 * Schema, written from MONITORS.md §2. Every request the source sends in a whole session (the
 * primary account and a sub-account, last results, Test connection, refusals under 403 and 200)
 * and every answer the fake gives must match it.
 */

const schemaFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../support/schemas/nodeping.schema.json',
);

const refusals = { 403: 'errorResponse', 404: 'errorResponse' };
const contract = new JsonSchemaContract(schemaFile, [
  {
    method: 'GET',
    path: /^\/api\/1\/checks$/,
    headers: 'requestHeaders',
    query: 'listQuery',
    responses: { 200: 'listAnswer', ...refusals },
  },
  {
    method: 'GET',
    path: /^\/api\/1\/checks\/[A-Za-z0-9]+-[A-Za-z0-9]+$/,
    headers: 'requestHeaders',
    query: 'checkQuery',
    responses: { 200: 'checkAnswer', ...refusals },
  },
  {
    method: 'GET',
    path: /^\/api\/1\/accounts$/,
    headers: 'requestHeaders',
    query: 'listQuery',
    responses: { 200: 'accountsAnswer', ...refusals },
  },
]);

const signal = () => AbortSignal.timeout(10_000);

function sourceFor(fake: NodepingFake, options: { customerId?: string; token?: string } = {}) {
  return new NodepingSource({
    config: nodepingSourceConfigSchema.parse({
      kind: 'nodeping',
      id: 'np-contract',
      name: 'Contract',
      apiBaseUrl: fake.apiUrl,
      ...(options.customerId && { customerId: options.customerId }),
    }),
    secrets: { token: options.token ?? fake.token },
    clock: systemClock,
  });
}

describe('NodePing contract (hand-written JSON Schema)', () => {
  let fake: NodepingFake;

  beforeAll(async () => {
    fake = await startNodepingFake();
    const primary = sourceFor(fake);
    await primary.testConnection(signal());
    await primary.fetchIncidents(signal());
    const sub = sourceFor(fake, { customerId: fake.subAccountId });
    await sub.testConnection(signal());
    await sub.fetchIncidents(signal());
    await sourceFor(fake, { customerId: 'NOSUCHACCOUNT' })
      .fetchIncidents(signal())
      .catch(() => undefined);
    await sourceFor(fake, { token: 'WRONGTOKEN' })
      .fetchIncidents(signal())
      .catch(() => undefined);
  });

  afterAll(async () => {
    await fake?.stop();
  });

  it('holds for every request the source sent and every answer the fake gave', () => {
    expect(fake.exchanges.length).toBe(10);
    expect(fake.exchanges.flatMap((exchange) => contract.check(exchange))).toEqual([]);
  });

  it('covered every call, both accounts, and refusals under 200 as well as 403', () => {
    for (const pattern of [/\/checks$/, /\/checks\/[^/]+$/, /\/accounts$/]) {
      expect(fake.exchanges.some((e) => pattern.test(e.path))).toBe(true);
    }
    expect(fake.exchanges.some((e) => e.query.some(([, v]) => v === fake.subAccountId))).toBe(true);
    const refused = fake.exchanges.filter((e) => e.responseBody.startsWith('{"error"'));
    expect(refused.map((e) => e.status).sort()).toEqual([200, 403]);
  });

  it('catches what the contract does not allow, so the checks above can fail', () => {
    const list = fake.exchanges.find((e) => e.path.endsWith('/checks') && e.status === 200)!;
    const body = JSON.parse(list.responseBody) as Record<string, Record<string, unknown>>;
    Object.values(body)[0]!.enable = 'yes';
    expect(contract.check({ ...list, responseBody: JSON.stringify(body) }).length).toBeGreaterThan(
      0,
    );
    expect(contract.check({ ...list, query: [['token', fake.token]] })).toContainEqual(
      expect.stringMatching(/query: \/ must NOT have additional properties/),
    );
  });
});
