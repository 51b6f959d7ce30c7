import { beforeAll, describe, expect, it } from 'vitest';
import { ApiContract, exchangeFrom, type Exchange } from '../../support/api-contract.js';
import { specPath } from '../../support/spec-location.js';

/*
 * The shared contract checker against the two big vendor specs: realistic exchanges pass,
 * and each kind of violation a provider client could commit is caught. Those two skip
 * without the specs (see spec-location.ts); exchangeFrom needs none.
 */

const pagerDutySpec = specPath('pagerduty-rest-v2.openapi.json');
const opsgenieSpec = specPath('opsgenie-v2.swagger.json');

describe.skipIf(!pagerDutySpec)('ApiContract with PagerDuty REST v2 (OpenAPI 3.0)', () => {
  let contract: ApiContract;
  beforeAll(async () => {
    contract = await ApiContract.load(pagerDutySpec!);
  });

  const headers = {
    accept: 'application/vnd.pagerduty+json;version=2',
    authorization: 'Token token=y_NbAkKc66ryYTWUXYEu',
    'content-type': 'application/json',
  };
  const user = {
    id: 'PXPGF42',
    type: 'user_reference',
    summary: 'Earline Greenholt',
    self: 'https://api.pagerduty.com/users/PXPGF42',
    html_url: 'https://acme.pagerduty.com/users/PXPGF42',
  };
  const incident = {
    id: 'PT4KHLK',
    type: 'incident',
    summary: '[#1234] The server is on fire.',
    self: 'https://api.pagerduty.com/incidents/PT4KHLK',
    html_url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
    incident_number: 1234,
    title: 'The server is on fire.',
    created_at: '2026-11-22T08:55:00Z',
    updated_at: '2026-11-22T08:59:00Z',
    status: 'triggered',
    urgency: 'high',
    incident_key: 'baf7cf21b1da41b4b0221008339ff357',
    service: {
      id: 'PIJ90N7',
      type: 'service_reference',
      summary: 'My Mail Service',
      self: 'https://api.pagerduty.com/services/PIJ90N7',
      html_url: 'https://acme.pagerduty.com/service-directory/PIJ90N7',
    },
    assignments: [{ at: '2026-11-22T08:55:00Z', assignee: user }],
    acknowledgements: [],
  };
  const listIncidents: Exchange = {
    method: 'GET',
    path: '/incidents',
    query: [
      ['statuses[]', 'triggered'],
      ['statuses[]', 'acknowledged'],
      ['date_range', 'all'],
      ['limit', '100'],
      ['offset', '0'],
      ['include[]', 'assignees'],
    ],
    headers,
    requestBody: '',
    status: 200,
    responseBody: JSON.stringify({
      incidents: [incident],
      limit: 100,
      offset: 0,
      more: false,
      total: null,
    }),
  };
  const acknowledge: Exchange = {
    method: 'PUT',
    path: '/incidents/PT4KHLK',
    query: [],
    headers: { ...headers, from: 'alice@example.com' },
    contentType: 'application/json',
    requestBody: JSON.stringify({
      incident: { type: 'incident_reference', status: 'acknowledged' },
    }),
    status: 200,
    responseBody: JSON.stringify({ incident: { ...incident, status: 'acknowledged' } }),
  };

  it('accepts a realistic incident list and acknowledgement', () => {
    expect(contract.check(listIncidents)).toEqual([]);
    expect(contract.check(acknowledge)).toEqual([]);
  });

  it('takes header names in any case, GETs without a Content-Type, and charsets', () => {
    const { 'content-type': _, ...getHeaders } = headers;
    expect(
      contract.check({ ...listIncidents, headers: { ...getHeaders, Accept: headers.accept } }),
    ).toEqual([]);
    const charset = 'application/json; charset=utf-8';
    expect(
      contract.check({
        ...acknowledge,
        contentType: charset,
        headers: { ...acknowledge.headers, 'content-type': charset },
      }),
    ).toEqual([]);
  });

  it('rejects an unknown query parameter and a bad enum value', () => {
    expect(contract.check({ ...listIncidents, query: [['status', 'triggered']] })).toEqual([
      'GET /incidents: unknown query parameter "status"',
    ]);
    expect(contract.check({ ...listIncidents, query: [['statuses[]', 'open']] })).toEqual([
      'GET /incidents: query parameter "statuses[]": / must be equal to one of the allowed values',
    ]);
    expect(contract.check({ ...listIncidents, query: [['limit', 'all']] })).toEqual([
      'GET /incidents: query parameter "limit": "all" is not a integer',
    ]);
  });

  it('rejects a request body that breaks the schema', () => {
    const done = JSON.stringify({ incident: { type: 'incident_reference', status: 'done' } });
    expect(contract.check({ ...acknowledge, requestBody: done })).toEqual([
      'PUT /incidents/PT4KHLK request body: /incident/status must be equal to one of the allowed values',
    ]);
    expect(contract.check({ ...acknowledge, contentType: 'text/plain' })).toEqual([
      'PUT /incidents/PT4KHLK: body sent as text/plain',
    ]);
  });

  it('rejects a response missing a required field', () => {
    const problems = contract.check({ ...listIncidents, responseBody: '{"limit":100}' });
    expect(problems).toEqual([
      "GET /incidents response 200: / must have required property 'incidents'",
    ]);
  });

  it('rejects a path that is not in the spec', () => {
    expect(contract.check({ ...listIncidents, path: '/incident' })).toEqual([
      'GET /incident: no such path in the spec',
    ]);
    // Only POST takes the literal path, which beats the GET of `/incidents/{id}`.
    expect(contract.check({ ...listIncidents, path: '/incidents/count', query: [] })).toEqual([
      'GET /incidents/count: method not in the spec',
    ]);
  });

  it('rejects a missing required header, when headers were recorded', () => {
    const { from: _, ...withoutFrom } = acknowledge.headers!;
    expect(contract.check({ ...acknowledge, headers: withoutFrom })).toEqual([
      'PUT /incidents/PT4KHLK: missing required header "From"',
    ]);
    expect(contract.check({ ...acknowledge, headers: { ...withoutFrom, from: 'alice' } })).toEqual([
      'PUT /incidents/PT4KHLK: header "From": / must match format "email"',
    ]);
    expect(contract.check({ ...acknowledge, headers: undefined })).toEqual([]);
  });
});

describe.skipIf(!opsgenieSpec)('ApiContract with Opsgenie v2 (Swagger 2.0)', () => {
  let contract: ApiContract;
  beforeAll(async () => {
    contract = await ApiContract.load(opsgenieSpec!);
  });

  const listAlerts: Exchange = {
    method: 'GET',
    path: '/v2/alerts',
    query: [
      ['query', 'status:open'],
      ['limit', '100'],
      ['offset', '0'],
    ],
    headers: { authorization: 'GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889' },
    requestBody: '',
    status: 200,
    responseBody: JSON.stringify({
      data: [
        {
          id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
          tinyId: '1791',
          alias: 'event_573',
          message: 'Our servers are in danger',
          status: 'open',
          acknowledged: false,
          isSeen: true,
          tags: ['OverwriteQuietHours', 'Critical'],
          snoozed: false,
          count: 79,
          lastOccurredAt: '2026-11-22T08:59:00.000Z',
          createdAt: '2026-11-22T08:55:00.000Z',
          updatedAt: '2026-11-22T08:59:00.000Z',
          source: 'Isengard',
          owner: 'morpheus@opsgenie.com',
          priority: 'P1',
          responders: [{ type: 'team', id: '8418d193-2dab-4490-b331-8c02cdd196b7' }],
          integration: { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', name: 'API', type: 'API' },
          report: { ackTime: 15702, acknowledgedBy: 'agent_smith@opsgenie.com' },
        },
      ],
      paging: { first: 'https://api.opsgenie.com/v2/alerts?limit=100&offset=0' },
      took: 0.605,
      requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
    }),
  };
  const acknowledge: Exchange = {
    method: 'POST',
    path: '/v2/alerts/70413a06-38d6-4c85-92b8-5ebc900d42e2/acknowledge',
    query: [['identifierType', 'id']],
    contentType: 'application/json',
    requestBody: JSON.stringify({ user: 'Onwatch (alice)', source: 'Onwatch', note: 'On it' }),
    status: 202,
    responseBody: JSON.stringify({
      result: 'Request will be processed',
      took: 0.302,
      requestId: '43a29c5c-3dbf-4fa4-9c26-f4f71023e120',
    }),
  };

  it('accepts a realistic alert list and acknowledgement', () => {
    expect(contract.check(listAlerts)).toEqual([]);
    expect(contract.check(acknowledge)).toEqual([]);
  });

  it('rejects an unknown query parameter and a bad enum value', () => {
    expect(contract.check({ ...listAlerts, query: [['status', 'open']] })).toEqual([
      'GET /v2/alerts: unknown query parameter "status"',
    ]);
    expect(contract.check({ ...listAlerts, query: [['order', 'newest']] })).toEqual([
      'GET /v2/alerts: query parameter "order": / must be equal to one of the allowed values',
    ]);
    expect(contract.check({ ...listAlerts, query: [['limit', '500']] })).toEqual([
      'GET /v2/alerts: query parameter "limit": / must be <= 100',
    ]);
  });

  it('rejects a request body that breaks the schema', () => {
    expect(contract.check({ ...acknowledge, requestBody: '{"user":{"name":"alice"}}' })).toEqual([
      'POST /v2/alerts/70413a06-38d6-4c85-92b8-5ebc900d42e2/acknowledge request body: /user must be string',
    ]);
  });

  it('rejects a response missing a required field', () => {
    const [alert] = (JSON.parse(listAlerts.responseBody) as { data: object[] }).data;
    const { id: _, ...withoutId } = alert as { id: string };
    const problems = contract.check({
      ...listAlerts,
      responseBody: JSON.stringify({ data: [withoutId] }),
    });
    expect(problems).toEqual([
      "GET /v2/alerts response 200: / must have required property 'requestId'",
      "GET /v2/alerts response 200: / must have required property 'took'",
      "GET /v2/alerts response 200: /data/0 must have required property 'id'",
    ]);
  });

  it('rejects a path that is not in the spec', () => {
    expect(contract.check({ ...acknowledge, path: '/v2/alerts/abc/ack' })).toEqual([
      'POST /v2/alerts/abc/ack: no such path in the spec',
    ]);
  });
});

describe('exchangeFrom', () => {
  it('records what a fake server received, with lower-case header names', () => {
    const exchange = exchangeFrom(
      {
        method: 'GET',
        url: '/incidents?statuses%5B%5D=triggered&statuses[]=acknowledged',
        headers: { Accept: 'application/vnd.pagerduty+json;version=2', 'x-multi': ['a', 'b'] },
      },
      '',
      200,
      '{"incidents":[]}',
    );
    expect(exchange).toEqual({
      method: 'GET',
      path: '/incidents',
      query: [
        ['statuses[]', 'triggered'],
        ['statuses[]', 'acknowledged'],
      ],
      headers: { accept: 'application/vnd.pagerduty+json;version=2', 'x-multi': 'a, b' },
      requestBody: '',
      status: 200,
      responseBody: '{"incidents":[]}',
    });
  });
});
