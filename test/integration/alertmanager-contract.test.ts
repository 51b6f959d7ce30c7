import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alertmanagerSourceConfigSchema } from '../../electron/core/model/source-config.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import { AlertmanagerSource } from '../../electron/core/sources/alertmanager/alertmanager-source.js';
import { startAlertmanager, type AlertmanagerHarness } from '../support/alertmanager-harness.js';

/*
 * Contract test: every request AlertmanagerSource sends to a real Alertmanager, and every
 * answer it parses, is checked against the official v0.25.0 API spec (Swagger 2.0).
 * Alertmanager itself ignores unknown query parameters, so without this a typo such as
 * `silenced=flase` would pass every other test while showing the responder muted alerts.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const specFile = path.resolve(repoRoot, '../shared/specs/alertmanager-v0.25.0.openapi.yaml');

/** One request and its answer, as seen on the wire. */
interface Exchange {
  method: string;
  path: string;
  query: [string, string][];
  contentType?: string;
  requestBody: string;
  status: number;
  responseBody: string;
}

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: 'query' | 'path' | 'body' | 'header';
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: boolean;
  items?: { type: string };
  schema?: Json;
}
interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { schema?: Json; $ref?: string }>;
}

/** Checks exchanges against a Swagger 2.0 spec; returns what is wrong, empty when nothing. */
class SwaggerContract {
  private readonly ajv = new Ajv({ allErrors: true, strict: true });
  private readonly spec: {
    basePath: string;
    paths: Record<string, Record<string, unknown>>;
    responses: Record<string, { schema?: Json }>;
  };

  constructor(specText: string) {
    this.spec = parse(specText);
    addFormats.default(this.ajv);
    // Swagger refs are '#/definitions/x'; hosting the definitions under one $id lets
    // schemas taken from anywhere in the spec resolve them.
    const { definitions } = parse(specText) as { definitions: Json };
    this.ajv.addSchema({ $id: 'spec', definitions: withSpecRefs(definitions) });
  }

  check(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    if (!exchange.path.startsWith(this.spec.basePath)) return [`${where}: outside the API`];
    const route = `/${exchange.path.slice(this.spec.basePath.length)}`;
    const match = this.findPath(route);
    if (!match) return [`${where}: no such path in the spec`];
    const operation = match.item[exchange.method.toLowerCase()] as Operation | undefined;
    if (!operation) return [`${where}: method not in the spec`];

    const parameters = new Map<string, Parameter>();
    for (const p of [
      ...((match.item.parameters as Parameter[]) ?? []),
      ...(operation.parameters ?? []),
    ]) {
      parameters.set(`${p.in}:${p.name}`, p);
    }
    return [
      ...this.checkPathParameters(where, parameters, match.values),
      ...this.checkQuery(where, parameters, exchange.query),
      ...this.checkBody(where, parameters, exchange),
      ...this.checkResponse(where, operation, exchange),
    ];
  }

  private findPath(route: string) {
    for (const [template, item] of Object.entries(this.spec.paths)) {
      const names: string[] = [];
      const pattern = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      const found = new RegExp(`^${pattern}$`).exec(route);
      if (found) {
        const values = new Map(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
        return { item, values };
      }
    }
    return undefined;
  }

  private checkPathParameters(
    where: string,
    parameters: Map<string, Parameter>,
    values: Map<string, string>,
  ): string[] {
    return [...values].flatMap(([name, value]) => {
      const declared = parameters.get(`path:${name}`);
      if (!declared) return [`${where}: undeclared path parameter ${name}`];
      return this.checkScalar(`${where}: path parameter ${name}`, declared, value);
    });
  }

  private checkQuery(
    where: string,
    parameters: Map<string, Parameter>,
    query: [string, string][],
  ): string[] {
    const problems: string[] = [];
    const byName = new Map<string, string[]>();
    for (const [name, value] of query) byName.set(name, [...(byName.get(name) ?? []), value]);
    for (const [name, values] of byName) {
      const declared = parameters.get(`query:${name}`);
      if (!declared) {
        problems.push(`${where}: unknown query parameter "${name}"`);
        continue;
      }
      if (declared.type === 'array') {
        const item = { name, in: 'query' as const, type: declared.items?.type ?? 'string' };
        for (const value of values)
          problems.push(...this.checkScalar(`${where}: ${name}`, item, value));
      } else if (values.length > 1) {
        problems.push(`${where}: query parameter "${name}" repeated`);
      } else {
        problems.push(
          ...this.checkScalar(`${where}: query parameter "${name}"`, declared, values[0]!),
        );
      }
    }
    for (const p of parameters.values()) {
      if (p.in === 'query' && p.required && !byName.has(p.name)) {
        problems.push(`${where}: missing required query parameter "${p.name}"`);
      }
    }
    return problems;
  }

  /** Query and path values are strings on the wire; Swagger types them by their text. */
  private checkScalar(what: string, parameter: Parameter, raw: string): string[] {
    const textual: Record<string, RegExp> = {
      boolean: /^(true|false)$/,
      integer: /^-?\d+$/,
      number: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
    };
    const syntax = parameter.type ? textual[parameter.type] : undefined;
    if (syntax && !syntax.test(raw)) return [`${what}: "${raw}" is not a ${parameter.type}`];
    const value = syntax ? JSON.parse(raw) : raw;
    const schema = { type: parameter.type, format: parameter.format, enum: parameter.enum };
    return this.validate(what, JSON.parse(JSON.stringify(schema)), value);
  }

  private checkBody(
    where: string,
    parameters: Map<string, Parameter>,
    exchange: Exchange,
  ): string[] {
    const declared = [...parameters.values()].find((p) => p.in === 'body');
    if (!declared)
      return exchange.requestBody ? [`${where}: sends a body the spec does not take`] : [];
    if (!exchange.requestBody) return declared.required ? [`${where}: required body missing`] : [];
    if (!exchange.contentType?.startsWith('application/json')) {
      return [`${where}: body sent as ${exchange.contentType ?? 'no content type'}`];
    }
    return this.validateJson(`${where} request body`, declared.schema ?? {}, exchange.requestBody);
  }

  private checkResponse(where: string, operation: Operation, exchange: Exchange): string[] {
    let response = operation.responses[String(exchange.status)] ?? operation.responses.default;
    if (!response) return [`${where}: status ${exchange.status} is not in the spec`];
    if (response.$ref) response = this.spec.responses[response.$ref.replace('#/responses/', '')]!;
    if (!response.schema) return [];
    return this.validateJson(
      `${where} response ${exchange.status}`,
      response.schema,
      exchange.responseBody,
    );
  }

  private validateJson(what: string, schema: Json, text: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [`${what}: not JSON`];
    }
    return this.validate(what, withSpecRefs(schema), value);
  }

  private validate(what: string, schema: Json, value: unknown): string[] {
    const validate = this.ajv.compile(schema);
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e: ErrorObject) => `${what}: ${e.instancePath || '/'} ${e.message}`,
    );
  }
}

/** Deep copy with every '#/definitions/x' pointed at the schema registered as 'spec'. */
function withSpecRefs<T>(schema: T): T {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')
        ? `spec${value}`
        : value,
    ),
  ) as T;
}

/** A loopback proxy that forwards to `target` and records every exchange. */
async function startRecordingProxy(target: string) {
  const exchanges: Exchange[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const requestBody = Buffer.concat(chunks).toString();
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers,
        body: requestBody || undefined,
      });
      const responseBody = await upstream.text();
      const url = new URL(req.url ?? '/', 'http://proxy');
      exchanges.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: [...url.searchParams],
        contentType: req.headers['content-type'],
        requestBody,
        status: upstream.status,
        responseBody,
      });
      res.writeHead(upstream.status, {
        'Content-Type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(responseBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('Alertmanager contract (spec v0.25.0)', () => {
  const contract = new SwaggerContract(readFileSync(specFile, 'utf8'));
  let am: AlertmanagerHarness;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  let source: AlertmanagerSource;

  beforeAll(async () => {
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
    await proxy?.close();
    await am?.stop();
  });

  it('sends and parses only what the spec allows, across a whole session', async () => {
    const signal = () => AbortSignal.timeout(10_000);
    await source.testConnection(signal());
    const incidents = await source.fetchIncidents(signal());
    await source.act(incidents[0]!, { type: 'ack' }, signal());
    const after = await source.fetchIncidents(signal());
    expect(after.map((i) => i.status).sort()).toEqual(['acknowledged', 'triggered']);

    // The session must have exercised every call the source makes, or this proves little.
    const calls = new Set(proxy.exchanges.map((e) => `${e.method} ${e.path}`));
    expect([...calls].sort()).toEqual([
      'GET /api/v2/alerts',
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
      const [alert] = JSON.parse(alerts) as Json[];
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
