import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/*
 * Contract checking of recorded HTTP exchanges against a vendor's published API spec
 * (Swagger 2.0 or OpenAPI 3.0). Vendors ignore or tolerate much of what a client gets
 * wrong (unknown query parameters, bad enum values), so without this a typo passes every
 * other test.
 *
 *   const contract = await ApiContract.load(specPath('x.json')!); // see spec-location.ts
 *   expect(contract.check(exchange)).toEqual([]);
 */

/** One request and its answer, as seen on the wire. */
export interface Exchange {
  method: string;
  /** Full request path, without the query. */
  path: string;
  /** In order; repeated names allowed. */
  query: [string, string][];
  /** Lower-case names; when given, required header parameters are checked. */
  headers?: Record<string, string>;
  contentType?: string;
  /** '' when none. */
  requestBody: string;
  status: number;
  /** '' when none. */
  responseBody: string;
}

type Json = Record<string, unknown>;

/** A parameter of either spec version, reduced to what checking needs. */
interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  /** How an array travels in the query: repeated (`multi`) or joined by this separator. */
  arrays: 'multi' | ',' | ' ' | '\t' | '|';
  /**
   * Whether a scalar may repeat: PagerDuty names its arrays `statuses[]` and declares them
   * with a scalar schema (plus `explode: true`); each occurrence is checked against it.
   */
  repeatable: boolean;
}

interface Operation {
  parameters: Parameter[];
  /** Swagger 2 `in: body`, or OpenAPI 3 `requestBody`, as media type → schema. */
  body?: { required: boolean; content: Map<string, Json | undefined> };
  responses: Record<string, Json>;
}

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  item: Json;
}

const scalarSyntax: Record<string, RegExp> = {
  boolean: /^(true|false)$/,
  integer: /^-?\d+$/,
  number: /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/,
};

/** Checks exchanges against one API spec; returns what is wrong, empty when nothing. */
export class ApiContract {
  // Vendor specs carry `example`, `x-*` and `discriminator` keywords that strict mode rejects.
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly routes: Route[];
  private readonly operations = new Map<string, Operation>();
  private readonly validators = new WeakMap<Json, ValidateFunction>();

  private constructor(
    private readonly spec: Json,
    private readonly basePath: string,
  ) {
    addFormats.default(this.ajv);
    // Formats the vendor made up (PagerDuty's `tzinfo`, `TEXTAREA`, ...) are documentation only.
    for (const format of collectFormats(spec)) {
      if (!(format in this.ajv.formats)) this.ajv.addFormat(format, true);
    }
    // Refs are '#/definitions/x' or '#/components/...'; hosting those under one $id lets
    // schemas taken from anywhere in the spec resolve them, and ajv compiles only what a
    // checked operation reaches, which keeps PagerDuty's 2.7 MB spec cheap.
    this.ajv.addSchema(
      { $id: 'spec', definitions: spec.definitions, components: spec.components },
      undefined,
      undefined,
      false,
    );
    this.routes = Object.entries(spec.paths as Record<string, Json>).map(([template, item]) => {
      const names: string[] = [];
      const pattern = template
        .split(/(\{[^}]+\})/)
        .map((part, i) => {
          if (i % 2 === 0) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
          names.push(part.slice(1, -1));
          return '([^/]+)';
        })
        .join('');
      return { template, pattern: new RegExp(`^${pattern}$`), names, item };
    });
  }

  /**
   * Loads a Swagger 2.0 or OpenAPI 3.0 spec, JSON or YAML. `basePath` overrides the spec's;
   * `repair` mends a vendor's known typos in the parsed copy, leaving the file as published.
   */
  static async load(
    specFile: string,
    options: { basePath?: string; repair?: (spec: Json) => void } = {},
  ): Promise<ApiContract> {
    const text = await readFile(specFile, 'utf8');
    const raw = (text.trimStart().startsWith('{') ? JSON.parse(text) : parse(text)) as Json;
    options.repair?.(raw);
    const spec = normalise(raw) as Json;
    const servers = spec.servers as { url: string }[] | undefined;
    const declared =
      (spec.basePath as string | undefined) ??
      (servers?.[0] ? new URL(servers[0].url, 'http://server').pathname : '/');
    return new ApiContract(spec, (options.basePath ?? declared).replace(/\/+$/, ''));
  }

  /** What is wrong with this exchange; empty when it conforms. */
  check(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    const route = exchange.path.startsWith(this.basePath)
      ? exchange.path.slice(this.basePath.length) || '/'
      : undefined;
    if (!route?.startsWith('/')) return [`${where}: outside the API`];
    const method = exchange.method.toLowerCase();
    const matches = this.routes
      .map((r) => ({ route: r, found: r.pattern.exec(route) }))
      .filter((m) => m.found)
      // A literal segment beats a template (`/incidents/count` over `/incidents/{id}`),
      // even when only the template has the method.
      .sort((a, b) => a.route.names.length - b.route.names.length);
    if (matches.length === 0) return [`${where}: no such path in the spec`];
    const best = matches.filter((m) => m.route.names.length === matches[0]!.route.names.length);
    const match = best.find((m) => m.route.item[method]) ?? best[0]!;
    const operation = this.operation(match.route, method);
    if (!operation) return [`${where}: method not in the spec`];

    const values = new Map(
      match.route.names.map((name, i) => [name, decodeURIComponent(match.found![i + 1]!)]),
    );
    return [
      ...this.checkPathParameters(where, operation, values),
      ...this.checkQuery(where, operation, exchange.query),
      ...this.checkHeaders(where, operation, exchange),
      ...this.checkBody(where, operation, exchange),
      ...this.checkResponse(where, operation, exchange),
    ];
  }

  private operation(route: Route, method: string): Operation | undefined {
    const key = `${method} ${route.template}`;
    const cached = this.operations.get(key);
    if (cached) return cached;
    const raw = route.item[method] as Json | undefined;
    if (!raw) return undefined;
    // Operation-level parameters override path-level ones of the same name and location.
    const byKey = new Map<string, Json>();
    for (const p of [
      ...((route.item.parameters as Json[] | undefined) ?? []),
      ...((raw.parameters as Json[] | undefined) ?? []),
    ]) {
      const resolved = this.resolve(p);
      byKey.set(`${String(resolved.in)}:${String(resolved.name)}`, resolved);
    }
    const all = [...byKey.values()];
    const operation: Operation = {
      parameters: all.filter((p) => p.in !== 'body').map(toParameter),
      body: this.bodyOf(raw, all),
      responses: raw.responses as Record<string, Json>,
    };
    this.operations.set(key, operation);
    return operation;
  }

  private bodyOf(raw: Json, parameters: Json[]): Operation['body'] {
    const swaggerBody = parameters.find((p) => p.in === 'body');
    if (swaggerBody) {
      const consumes = (raw.consumes ?? this.spec.consumes ?? ['application/json']) as string[];
      return {
        required: swaggerBody.required === true,
        content: new Map(consumes.map((type) => [type, swaggerBody.schema as Json | undefined])),
      };
    }
    if (!raw.requestBody) return undefined;
    const requestBody = this.resolve(raw.requestBody as Json);
    return {
      required: requestBody.required === true,
      content: contentSchemas(requestBody.content),
    };
  }

  /** Follows a local `$ref` to a parameter, response or request body. */
  private resolve(object: Json): Json {
    let current = object;
    while (typeof current.$ref === 'string') {
      const pointer = current.$ref.replace(/^spec#\//, '').split('/');
      current = pointer.reduce<Json>(
        (node, part) => node[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Json,
        this.spec,
      );
      if (!current) throw new Error(`unresolvable $ref ${String(object.$ref)}`);
    }
    return current;
  }

  private checkPathParameters(
    where: string,
    operation: Operation,
    values: Map<string, string>,
  ): string[] {
    return [...values].flatMap(([name, value]) => {
      const declared = operation.parameters.find((p) => p.in === 'path' && p.name === name);
      if (!declared) return [`${where}: undeclared path parameter ${name}`];
      return this.checkScalar(`${where}: path parameter ${name}`, declared.schema, value);
    });
  }

  private checkQuery(where: string, operation: Operation, query: [string, string][]): string[] {
    const problems: string[] = [];
    const byName = new Map<string, string[]>();
    for (const [name, value] of query) byName.set(name, [...(byName.get(name) ?? []), value]);
    for (const [name, values] of byName) {
      const declared = operation.parameters.find((p) => p.in === 'query' && p.name === name);
      if (!declared) {
        problems.push(`${where}: unknown query parameter "${name}"`);
        continue;
      }
      const what = `${where}: query parameter "${name}"`;
      const schema = declared.schema;
      if (this.typeOf(schema) === 'array') {
        problems.push(...this.checkArray(what, declared, values));
      } else if (values.length > 1 && !declared.repeatable) {
        problems.push(`${what} repeated`);
      } else {
        for (const value of values) problems.push(...this.checkScalar(what, schema, value));
      }
    }
    for (const p of operation.parameters) {
      if (p.in === 'query' && p.required && !byName.has(p.name)) {
        problems.push(`${where}: missing required query parameter "${p.name}"`);
      }
    }
    return problems;
  }

  private checkArray(what: string, parameter: Parameter, values: string[]): string[] {
    if (parameter.arrays !== 'multi' && values.length > 1) return [`${what} repeated`];
    const raw = parameter.arrays === 'multi' ? values : values[0]!.split(parameter.arrays);
    const items = (parameter.schema.items as Json | undefined) ?? {};
    const itemType = this.typeOf(items);
    const problems: string[] = [];
    const typed = raw.map((value) => {
      const syntax = itemType ? scalarSyntax[itemType] : undefined;
      if (!syntax) return value;
      if (syntax.test(value)) return JSON.parse(value) as unknown;
      problems.push(`${what}: "${value}" is not a ${itemType}`);
      return value;
    });
    return problems.length > 0 ? problems : this.validate(what, parameter.schema, typed);
  }

  /** Header names are case-insensitive; they are checked only when the exchange has them. */
  private checkHeaders(where: string, operation: Operation, exchange: Exchange): string[] {
    if (!exchange.headers) return [];
    const headers = new Map(
      Object.entries(exchange.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return operation.parameters
      .filter((p) => p.in === 'header')
      .flatMap((p) => {
        const name = p.name.toLowerCase();
        // A request without content has nothing to type, whatever the spec lists.
        if (name === 'content-type' && !exchange.requestBody) return [];
        const raw = headers.get(name);
        // `application/json; charset=utf-8` is application/json.
        const value = name === 'content-type' ? raw?.split(';')[0]!.trim() : raw;
        if (value === undefined) {
          return p.required ? [`${where}: missing required header "${p.name}"`] : [];
        }
        return this.checkScalar(`${where}: header "${p.name}"`, p.schema, value);
      });
  }

  /** Query, path and header values are strings on the wire; the spec types them by their text. */
  private checkScalar(what: string, schema: Json, raw: string): string[] {
    const type = this.typeOf(schema);
    const syntax = type ? scalarSyntax[type] : undefined;
    if (syntax && !syntax.test(raw)) return [`${what}: "${raw}" is not a ${type}`];
    return this.validate(what, schema, syntax ? JSON.parse(raw) : raw);
  }

  private checkBody(where: string, operation: Operation, exchange: Exchange): string[] {
    const declared = operation.body;
    if (!declared) {
      return exchange.requestBody ? [`${where}: sends a body the spec does not take`] : [];
    }
    if (!exchange.requestBody) return declared.required ? [`${where}: required body missing`] : [];
    const contentType = exchange.contentType ?? exchange.headers?.['content-type'];
    const media = contentType && mediaTypeMatch(declared.content, contentType);
    if (!media) return [`${where}: body sent as ${contentType ?? 'no content type'}`];
    const schema = declared.content.get(media);
    if (!schema || !isJson(media)) return [];
    return this.validateJson(`${where} request body`, schema, exchange.requestBody);
  }

  private checkResponse(where: string, operation: Operation, exchange: Exchange): string[] {
    const status = String(exchange.status);
    const declared =
      operation.responses[status] ??
      operation.responses[`${status[0]}XX`] ??
      operation.responses.default;
    if (!declared) return [`${where}: status ${exchange.status} is not in the spec`];
    const response = this.resolve(declared);
    // Swagger 2 has one schema; OpenAPI 3 one per media type, and we check the JSON one.
    const schema =
      (response.schema as Json | undefined) ??
      [...contentSchemas(response.content)].find(([type]) => isJson(type))?.[1];
    if (!schema) return [];
    return this.validateJson(`${where} response ${exchange.status}`, schema, exchange.responseBody);
  }

  private validateJson(what: string, schema: Json, text: string): string[] {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return [`${what}: not JSON`];
    }
    return this.validate(what, schema, value);
  }

  private validate(what: string, schema: Json, value: unknown): string[] {
    let validate = this.validators.get(schema);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        return [`${what}: the spec's schema does not compile: ${(error as Error).message}`];
      }
      this.validators.set(schema, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e: ErrorObject) => `${what}: ${e.instancePath || '/'} ${e.message}`,
    );
  }

  /** The JSON type a schema declares, following refs (PagerDuty types some parameters by ref). */
  private typeOf(schema: Json): string | undefined {
    const resolved = this.resolve(schema);
    return typeof resolved.type === 'string' ? resolved.type : undefined;
  }
}

function toParameter(p: Json): Parameter {
  const style = p.style as string | undefined;
  let arrays: Parameter['arrays'];
  if (p.schema) {
    // OpenAPI 3: query arrays default to style form, explode true (repeated name=value).
    const separators: Record<string, Parameter['arrays']> = {
      spaceDelimited: ' ',
      pipeDelimited: '|',
    };
    arrays = style && separators[style] ? separators[style] : p.explode === false ? ',' : 'multi';
  } else {
    const formats: Record<string, Parameter['arrays']> = {
      multi: 'multi',
      ssv: ' ',
      tsv: '\t',
      pipes: '|',
    };
    arrays = formats[p.collectionFormat as string] ?? ',';
  }
  return {
    name: p.name as string,
    in: p.in as string,
    required: p.required === true,
    schema: (p.schema as Json | undefined) ?? swaggerParameterSchema(p),
    arrays,
    repeatable: Boolean(p.schema) && (String(p.name).endsWith('[]') || p.explode === true),
  };
}

/** A Swagger 2 non-body parameter carries its schema keywords inline. */
function swaggerParameterSchema(p: Json): Json {
  const { name: _n, in: _i, required: _r, description: _d, collectionFormat: _c, ...rest } = p;
  return Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('x-')));
}

function contentSchemas(content: unknown): Map<string, Json | undefined> {
  return new Map(
    Object.entries((content ?? {}) as Record<string, { schema?: Json }>).map(([type, media]) => [
      type,
      media.schema,
    ]),
  );
}

/** The declared media type a request's Content-Type falls under, wildcards included. */
function mediaTypeMatch(declared: Map<string, unknown>, contentType: string): string | undefined {
  const actual = contentType.split(';')[0]!.trim().toLowerCase();
  const [type] = actual.split('/');
  return [...declared.keys()].find((range) => {
    const wanted = range.split(';')[0]!.trim().toLowerCase();
    return wanted === actual || wanted === '*/*' || wanted === `${type}/*`;
  });
}

function isJson(mediaType: string): boolean {
  return /^application\/(json|[^;]*\+json)(;|$)/i.test(mediaType.trim());
}

function collectFormats(spec: Json): Set<string> {
  const formats = new Set<string>();
  JSON.stringify(spec, (key, value: unknown) => {
    if (key === 'format' && typeof value === 'string') formats.add(value);
    return value;
  });
  return formats;
}

/**
 * Rewrites what ajv cannot take as written: local refs point at the schema registered as
 * 'spec'; OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become numbers; and
 * `nullable` without a `type` (which ajv refuses) becomes an explicit `anyOf` with null, or
 * goes when false.
 */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `spec${value}`
        : normalise(value);
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[bound] !== 'boolean') continue;
    if (out[bound] && typeof out[limit] === 'number') out[bound] = out[limit];
    else delete out[bound];
    if (out[bound] !== undefined) delete out[limit];
  }
  if (out.nullable !== undefined && out.type === undefined) {
    const { nullable, ...rest } = out;
    return nullable === true ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  return out;
}

/** A loopback proxy that forwards to `target` and records every exchange. */
export async function startRecordingProxy(
  target: string,
): Promise<{ url: string; exchanges: Exchange[]; stop(): Promise<void> }> {
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const requestBody = Buffer.concat(chunks).toString();
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        // fetch sets the connection-level headers itself.
        if (value === undefined || hopByHop.has(name)) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      try {
        const upstream = await fetch(`${target}${req.url}`, {
          method: req.method,
          headers,
          body: requestBody || undefined,
        });
        const responseBody = await upstream.text();
        exchanges.push(exchangeFrom(req, requestBody, upstream.status, responseBody));
        res.writeHead(upstream.status, {
          'Content-Type': upstream.headers.get('content-type') ?? 'application/json',
        });
        res.end(responseBody);
      } catch (error) {
        res.writeHead(502).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    stop: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const hopByHop = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'upgrade',
]);

/** Turns a request a test's own fake server received, and its reply, into an Exchange. */
export function exchangeFrom(
  request: {
    method?: string;
    url?: string;
    headers: Record<string, string | string[] | undefined>;
  },
  requestBody: string,
  status: number,
  responseBody: string,
): Exchange {
  const url = new URL(request.url ?? '/', 'http://recorded');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = [value].flat().join(', ');
  }
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: [...url.searchParams],
    headers,
    ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
    requestBody,
    status,
    responseBody,
  };
}
