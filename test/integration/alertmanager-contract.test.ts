import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertmanagerSourceConfigSchema } from '../../electron/common/providers/alertmanager.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';
import { ApiContract, startRecordingProxy, type Exchange } from '../support/api-contract.js';
import { specPath } from '../support/spec-location.js';

/*
 * Contract test: every request AlertmanagerSource sends to a real Alertmanager, and every
 * answer it parses, is checked against the official v0.25.0 API spec (Swagger 2.0).
 * Alertmanager itself ignores unknown query parameters, so without this a typo such as
 * `silenced=flase` would pass every other test while showing the responder muted alerts.
 * Every test here checks against the spec, so all of them skip without it.
 */

const specFile = specPath('alertmanager-v0.25.0.openapi.yaml');

describe.skipIf(!specFile)('Alertmanager contract (spec v0.25.0)', () => {
  let contract: ApiContract;
  let am: AlertmanagerHarness;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let source: AlertmanagerSource;

  beforeAll(async () => {
    contract = await ApiContract.load(specFile!);
    am = await startAlertmanager();
    proxy = await startRecordingProxy(am.baseUrl);
    source = new AlertmanagerSource({
      config: alertmanagerSourceConfigSchema.parse({
        kind: 'alertmanager',
        id: 'am-contract',
        name: 'Contract',
        baseUrl: proxy.url,
      }),
      secrets: {},
      responderName: () => 'alice',
      clock: systemClock,
    });
    await am.postAlerts([
      {
        labels: { alertname: 'DiskFull', instance: 'db-1:9100', severity: 'critical' },
        annotations: { summary: 'Disk full', runbook_url: 'https://runbooks.example.com/disk' },
        generatorURL: 'http://prometheus.example.com:9090/graph',
      },
      { labels: { alertname: 'Heartbeat', severity: 'none' } },
    ]);
  });

  afterAll(async () => {
    await proxy?.stop();
    await am?.stop();
  });

  it('sends and parses only what the spec allows, across a whole session', async () => {
    const signal = () => AbortSignal.timeout(10_000);
    await source.testConnection(signal());
    const incidents = await source.fetchIncidents(signal());
    await source.act(incidents[0]!, { type: 'ack' }, signal(), {
      actionId: 'c0ffee00-0000-4000-8000-000000000001',
      mayHaveBeenSent: false,
    });
    const after = await source.fetchIncidents(signal());
    expect(after.map((i) => i.status).sort()).toEqual(['acknowledged', 'triggered']);

    // The session must have exercised every call the source makes, or this proves little.
    const calls = new Set(proxy.exchanges.map((e) => `${e.method} ${e.path}`));
    expect([...calls].sort()).toEqual([
      'GET /api/v2/alerts/groups',
      'GET /api/v2/silences',
      'GET /api/v2/status',
      'POST /api/v2/silences',
    ]);
    expect(proxy.exchanges.every((e) => e.status === 200)).toBe(true);
    expect(proxy.exchanges.flatMap((e) => contract.check(e))).toEqual([]);
  });

  describe('the checker itself fails on violations', () => {
    const alerts = JSON.stringify([
      {
        annotations: {},
        endsAt: '2026-11-22T09:05:00.000Z',
        fingerprint: 'abc',
        receivers: [{ name: 'null' }],
        startsAt: '2026-11-22T08:55:00.000Z',
        status: { inhibitedBy: [], silencedBy: [], state: 'active' },
        updatedAt: '2026-11-22T08:59:00.000Z',
        labels: { alertname: 'X' },
      },
    ]);
    const getAlerts: Exchange = {
      method: 'GET',
      path: '/api/v2/alerts',
      query: [['silenced', 'false']],
      requestBody: '',
      status: 200,
      responseBody: alerts,
    };
    const silence = {
      matchers: [{ name: 'alertname', value: 'X', isRegex: false, isEqual: true }],
      startsAt: '2026-11-22T09:00:00.000Z',
      endsAt: '2026-11-22T10:00:00.000Z',
      createdBy: 'onwatch (alice)',
      comment: 'ack',
    };
    const postSilence: Exchange = {
      method: 'POST',
      path: '/api/v2/silences',
      query: [],
      contentType: 'application/json',
      requestBody: JSON.stringify(silence),
      status: 200,
      responseBody: '{"silenceID":"b8dcc010-d7fa-4069-884f-859447c30ba4"}',
    };

    it('accepts valid exchanges', () => {
      expect(contract.check(getAlerts)).toEqual([]);
      expect(contract.check(postSilence)).toEqual([]);
    });

    it('rejects a silence matcher without isRegex', () => {
      const matcher = { name: 'alertname', value: 'X', isEqual: true };
      const problems = contract.check({
        ...postSilence,
        requestBody: JSON.stringify({ ...silence, matchers: [matcher] }),
      });
      expect(problems.join('\n')).toMatch(
        /request body: \/matchers\/0 must have required property 'isRegex'/,
      );
    });

    it('rejects a silence without matchers or with a bad timestamp', () => {
      const problems = contract.check({
        ...postSilence,
        requestBody: JSON.stringify({ ...silence, matchers: [], endsAt: 'in an hour' }),
      });
      expect(problems.join('\n')).toMatch(/\/matchers must NOT have fewer than 1 items/);
      expect(problems.join('\n')).toMatch(/\/endsAt must match format "date-time"/);
    });

    it('rejects unknown query parameters, wrong types and repeats', () => {
      expect(contract.check({ ...getAlerts, query: [['silenced', 'flase']] })).toEqual([
        'GET /api/v2/alerts: query parameter "silenced": "flase" is not a boolean',
      ]);
      expect(contract.check({ ...getAlerts, query: [['muted', 'false']] })).toEqual([
        'GET /api/v2/alerts: unknown query parameter "muted"',
      ]);
      expect(
        contract.check({
          ...getAlerts,
          query: [
            ['active', 'true'],
            ['active', 'false'],
          ],
        }),
      ).toEqual(['GET /api/v2/alerts: query parameter "active" repeated']);
      // `filter` is a multi collection: repeating it is fine.
      expect(
        contract.check({
          ...getAlerts,
          query: [
            ['filter', 'a="1"'],
            ['filter', 'b="2"'],
          ],
        }),
      ).toEqual([]);
    });

    it('rejects unknown paths, methods and statuses', () => {
      expect(contract.check({ ...getAlerts, path: '/api/v2/alert' })).toEqual([
        'GET /api/v2/alert: no such path in the spec',
      ]);
      expect(contract.check({ ...getAlerts, method: 'PUT' })).toEqual([
        'PUT /api/v2/alerts: method not in the spec',
      ]);
      expect(contract.check({ ...getAlerts, status: 418 })).toEqual([
        'GET /api/v2/alerts: status 418 is not in the spec',
      ]);
      const getSilence = { ...getAlerts, path: '/api/v2/silence/not-a-uuid', query: [] };
      expect(contract.check({ ...getSilence, responseBody: '{}' })).toContain(
        'GET /api/v2/silence/not-a-uuid: path parameter silenceID: / must match format "uuid"',
      );
    });

    it('rejects a response that breaks the schema', () => {
      const [alert] = JSON.parse(alerts) as Record<string, unknown>[];
      const broken = JSON.stringify([
        { ...alert, fingerprint: undefined, status: { state: 'firing' } },
      ]);
      const problems = contract.check({ ...getAlerts, responseBody: broken }).join('\n');
      expect(problems).toMatch(/must have required property 'fingerprint'/);
      expect(problems).toMatch(/\/0\/status\/state must be equal to one of the allowed values/);
    });

    it('catches a violating request sent through the recording proxy', async () => {
      const before = proxy.exchanges.length;
      await fetch(`${proxy.url}/api/v2/alerts?silenced=false&muted=false`);
      const recorded = proxy.exchanges.slice(before);
      expect(recorded).toHaveLength(1);
      expect(contract.check(recorded[0]!)).toEqual([
        'GET /api/v2/alerts: unknown query parameter "muted"',
      ]);
    });
  });
});
