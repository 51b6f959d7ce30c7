import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Exchange } from './api-contract.js';

/*
 * Contract checking against a JSON Schema we wrote ourselves, for vendors that publish no
 * machine-readable spec (Healthchecks.io, NodePing). The schema holds one $defs entry per
 * request part and answer; `operations` maps method + path to them.
 */

/** One call and the $defs that describe it; absent parts are not checked. */
export interface SchemaOperation {
  method: string;
  path: RegExp;
  /** Request headers (lower-case names). */
  headers: string;
  /** The query, as an object of arrays (names may repeat). */
  query: string;
  /** The answer for each status; a status not listed is a problem. */
  responses: Record<number, string>;
  /** Statuses whose answer is plain text, checked as a string rather than parsed as JSON. */
  textResponses?: readonly number[];
}

export class JsonSchemaContract {
  // `not: {required: [...]}` names fields that must be absent, which strictRequired forbids.
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  private readonly id: string;

  constructor(
    schemaFile: string,
    private readonly operations: readonly SchemaOperation[],
  ) {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $id: string };
    addFormats.default(this.ajv);
    this.ajv.addSchema(schema);
    this.id = schema.$id;
  }

  operationOf(exchange: Pick<Exchange, 'method' | 'path'>): SchemaOperation | undefined {
    return this.operations.find((o) => o.method === exchange.method && o.path.test(exchange.path));
  }

  /** What is wrong with one exchange; empty when nothing is. */
  check(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path}`;
    const operation = this.operationOf(exchange);
    if (!operation) return [`${where}: not an operation in the contract`];
    const query: Record<string, string[]> = {};
    for (const [name, value] of exchange.query) (query[name] ??= []).push(value);
    const body = exchange.requestBody ? [`${where}: sends a body the call does not take`] : [];
    return [
      ...this.validate(`${where} headers`, operation.headers, exchange.headers ?? {}),
      ...this.validate(`${where} query`, operation.query, query),
      ...body,
      ...this.checkAnswer(exchange),
    ];
  }

  /** The answer alone. */
  checkAnswer(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path} response ${exchange.status}`;
    const operation = this.operationOf(exchange);
    if (!operation) return [`${where}: not an operation in the contract`];
    const definition = operation.responses[exchange.status];
    if (!definition) return [`${where}: status not in the contract`];
    let value: unknown = exchange.responseBody;
    if (!operation.textResponses?.includes(exchange.status)) {
      try {
        value = JSON.parse(exchange.responseBody);
      } catch {
        return [`${where}: not JSON`];
      }
    }
    return this.validate(where, definition, value);
  }

  private validate(what: string, definition: string, value: unknown): string[] {
    const validate = this.ajv.getSchema(`${this.id}#/$defs/${definition}`);
    if (!validate) return [`${what}: no definition ${definition}`];
    if (validate(value)) return [];
    return (validate.errors ?? []).map(
      (e: ErrorObject) => `${what}: ${e.instancePath || '/'} ${e.message}`,
    );
  }
}
