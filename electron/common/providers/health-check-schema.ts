import { z } from 'zod';
import { httpUrlSchema } from '../model/source-fields.js';

/**
 * One local check as settings hold it: an HTTP(S) request, a TCP connect, a DNS query or a TLS
 * handshake. Kept apart from the descriptor because the core's probes read these shapes too.
 */

const urgencySchema = z.enum(['high', 'low']);

/** Days before a certificate's not-after that raise its own incident: low, then high urgency. */
const certExpirySchema = z
  .object({
    warnDays: z.number().int().min(1).max(365).default(14),
    criticalDays: z.number().int().min(0).max(365).default(3),
  })
  .refine((c) => c.criticalDays < c.warnDays, {
    message: 'critical days must be fewer than warn days',
    path: ['criticalDays'],
  });

/** Fail after N failures in a row, recover after M successes, re-check sooner while unsure. */
export const flapSettingsSchema = z.object({
  failAfter: z.number().int().min(1).max(20).default(3),
  recoverAfter: z.number().int().min(1).max(20).default(2),
  retryEverySeconds: z.number().int().min(1).max(600).default(10),
});
export type FlapSettings = z.output<typeof flapSettingsSchema>;

const commonFields = {
  name: z.string().trim().min(1, 'each check needs a name').max(80),
  intervalSeconds: z.number().int().min(5).max(3600).default(30),
  /** One deadline for the whole probe, DNS included. */
  timeoutSeconds: z.number().int().min(1).max(60).default(10),
  urgency: urgencySchema.default('high'),
};

const hostSchema = z
  .string()
  .trim()
  .min(1, 'a host name or address is required')
  .max(253)
  // A name or IPv4 address, or IPv6 bare or in brackets (two colons at least, so "db:5432" is
  // a host with a port, refused).
  .regex(
    /^[^\s/:]+$|^\[[0-9a-f:.]+\]$|^[0-9a-f]*:[0-9a-f]*:[0-9a-f:.]*$/i,
    'a host name or address, without a port',
  );
const portSchema = z.number().int().min(1).max(65535);

/** "200", "2xx" or "200-204": one entry of the status codes an HTTP check accepts. */
const statusEntrySchema = z.union([
  z.number().int().min(100).max(599),
  z
    .string()
    .trim()
    .regex(/^([1-5]xx|[1-5]\d\d(-[1-5]\d\d)?)$/, 'a status such as 200, 2xx or 200-204'),
]);

const regexSchema = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const jsonValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A PEM file of extra certificate authorities to trust, e.g. a company's internal CA. */
const caFileSchema = z.string().trim().min(1).optional();

const httpCheckSchema = z.object({
  kind: z.literal('http'),
  ...commonFields,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS']).default('GET'),
  url: httpUrlSchema('must be a URL such as https://api.example.com/health'),
  headers: z.record(z.string().min(1), z.string()).optional(),
  expectStatus: z.array(statusEntrySchema).min(1).default(['2xx']),
  bodyContains: z.string().min(1).optional(),
  bodyMatches: regexSchema.optional(),
  /** e.g. `{ path: "$.status", equals: "ok" }`; dots and [n] indexes. */
  json: z.object({ path: z.string().trim().min(1), equals: jsonValueSchema }).optional(),
  followRedirects: z.boolean().default(true),
  caFile: caFileSchema,
  certExpiry: certExpirySchema.default({ warnDays: 14, criticalDays: 3 }),
});

const tcpCheckSchema = z.object({
  kind: z.literal('tcp'),
  ...commonFields,
  host: hostSchema,
  port: portSchema,
});

const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'SRV'] as const;

const dnsCheckSchema = z.object({
  kind: z.literal('dns'),
  ...commonFields,
  /** Queried as a fully qualified name: search domains never apply to the direct query. */
  name: z.string().trim().min(1).max(80),
  query: z
    .string()
    .trim()
    .min(1, 'the name to look up is required')
    .max(253)
    .regex(/^[a-z0-9_.-]+\.?$/i, 'a DNS name such as api.example.com'),
  recordType: z.enum(dnsRecordTypes).default('A'),
  /** Exactly these answers, in any order; without them any answer passes. */
  expectAnswers: z.array(z.string().trim().min(1)).min(1).optional(),
  /** `address` or `address:port`; absent: the system's name servers. */
  resolver: z
    .string()
    .trim()
    .regex(
      /^(\d{1,3}(\.\d{1,3}){3}(:\d+)?|\[[0-9a-f:]+\](:\d+)?|[0-9a-f]*:[0-9a-f]*:[0-9a-f:]*)$/i,
      {
        message: 'an IP address, optionally with :port, e.g. 10.0.0.53 or 127.0.0.1:5353',
      },
    )
    .optional(),
});

const tlsCheckSchema = z.object({
  kind: z.literal('tls'),
  ...commonFields,
  host: hostSchema,
  port: portSchema.default(443),
  /** The name asked for in SNI and checked against the certificate; the host by default. */
  servername: z.string().trim().min(1).optional(),
  caFile: caFileSchema,
  certExpiry: certExpirySchema.default({ warnDays: 14, criticalDays: 3 }),
});

export const healthCheckSchema = z.discriminatedUnion('kind', [
  httpCheckSchema,
  tcpCheckSchema,
  dnsCheckSchema,
  tlsCheckSchema,
]);
export type HealthCheck = z.output<typeof healthCheckSchema>;
export type HttpCheck = Extract<HealthCheck, { kind: 'http' }>;
export type TcpCheck = Extract<HealthCheck, { kind: 'tcp' }>;
export type DnsCheck = Extract<HealthCheck, { kind: 'dns' }>;
export type TlsCheck = Extract<HealthCheck, { kind: 'tls' }>;

/** A check's id within its source: its name as lowercase words joined by dashes. */
export function checkIdOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'check'
  );
}

/** What a check probes, in one line: the URL, host:port or name and type. */
export function checkTarget(check: HealthCheck): string {
  switch (check.kind) {
    case 'http':
      return check.url;
    case 'tcp':
    case 'tls':
      return `${check.host}:${check.port}`;
    case 'dns':
      return `${check.query} ${check.recordType}${check.resolver ? ` @${check.resolver}` : ''}`;
  }
}
