import { z } from 'zod';
import { pollingFields } from '../model/source-fields.js';
import {
  checkIdOf,
  flapSettingsSchema,
  healthCheckSchema,
  type HealthCheck,
} from './health-check-schema.js';
import type { ProviderDescriptor } from './provider-descriptor.js';
import { ringForField, ringForSchema } from './ring-for.js';
import { nameField, pollIntervalField } from './shared-fields.js';

/** A failing check is the responder's own: nobody else is assigned to it. */
const assignment = 'none';

/** Enough for a team's endpoints; each check is probed on its own timer within one cap. */
const maxHealthChecks = 200;

export const healthChecksSourceConfigSchema = z.object({
  kind: z.literal('health-checks'),
  ...pollingFields,
  /**
   * How often the window learns the checks' results. The checks keep their own intervals and
   * run in the background, so a read costs nothing; a few seconds keeps news fresh.
   */
  pollIntervalSeconds: z.number().int().min(5).max(3600).default(5),
  checks: z
    .array(healthCheckSchema)
    .min(1, 'at least one check')
    .max(maxHealthChecks, `at most ${maxHealthChecks} checks`)
    .superRefine((checks, context) => {
      const seen = new Map<string, string>();
      checks.forEach((check, index) => {
        const id = checkIdOf(check.name);
        const earlier = seen.get(id);
        if (earlier !== undefined) {
          context.addIssue({
            code: 'custom',
            message: `check names must differ: "${check.name}" and "${earlier}" are one name`,
            path: [index, 'name'],
          });
        }
        seen.set(id, check.name);
      });
    }),
  flap: flapSettingsSchema.default({ failAfter: 3, recoverAfter: 2, retryEverySeconds: 10 }),
  ringFor: ringForSchema(assignment),
});

const kindNames: Record<HealthCheck['kind'], string> = {
  http: 'HTTP',
  tcp: 'TCP',
  dns: 'DNS',
  tls: 'TLS',
};

function countByKind(checks: readonly HealthCheck[]): string {
  const counts = new Map<string, number>();
  for (const check of checks) {
    counts.set(kindNames[check.kind], (counts.get(kindNames[check.kind]) ?? 0) + 1);
  }
  return [...counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
}

const checksExample = `- name: API health
  kind: http
  url: https://api.example.com/health
  expectStatus: [200]
- name: Database port
  kind: tcp
  host: db.internal
  port: 5432`;

export const healthChecksDescriptor = {
  kind: 'health-checks',
  label: 'Health checks (HTTP, TCP, DNS, TLS)',
  configSchema: healthChecksSourceConfigSchema,
  assignment,
  requiredSecrets: () => [],
  summary: ({ checks, flap }) =>
    `${checks.length} check${checks.length === 1 ? '' : 's'} (${countByKind(checks)}) · ` +
    `fail after ${flap.failAfter}, recover after ${flap.recoverAfter}`,
  form: {
    fields: [
      nameField('Production endpoints'),
      {
        path: 'config.checks',
        label: 'Checks (YAML)',
        input: 'yaml',
        placeholder: checksExample,
        required: 'At least one check is required',
        hint:
          'A list of checks. kind: http (url, method, headers, expectStatus, bodyContains, ' +
          'bodyMatches, json {path, equals}, followRedirects), tcp (host, port), dns (query, ' +
          'recordType, expectAnswers, resolver) or tls (host, port, servername, certExpiry ' +
          '{warnDays, criticalDays}); each may set intervalSeconds, timeoutSeconds and urgency.',
      },
      {
        path: 'config.flap.failAfter',
        label: 'Failing after (failures in a row)',
        input: 'number',
        required: 'How many failures make a check fail is required',
      },
      {
        path: 'config.flap.recoverAfter',
        label: 'Recovered after (successes in a row)',
        input: 'number',
        required: 'How many successes make a check recover is required',
      },
      {
        path: 'config.flap.retryEverySeconds',
        label: 'Re-check while unsure (seconds)',
        input: 'number',
        hint: 'Between a first failure and a verdict, checks run this often instead of their interval.',
        required: 'The re-check interval is required',
      },
      ringForField(assignment),
      {
        ...pollIntervalField,
        hint: 'How often the window reads the checks’ results; each check keeps its own interval.',
      },
    ],
  },
} satisfies ProviderDescriptor<typeof healthChecksSourceConfigSchema>;
