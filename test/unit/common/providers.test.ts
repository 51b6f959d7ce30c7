import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  requiredSecrets,
  sourceConfigSchema,
  type SourceConfigInput,
} from '../../../electron/common/model/source-config.js';
import { secretNames } from '../../../electron/common/model/source-secrets.js';
import { regionSchema } from '../../../electron/common/model/source-fields.js';
import { alertmanagerAuthSchema } from '../../../electron/common/providers/alertmanager.js';
import { fieldSchema } from '../../../electron/common/providers/field-schema.js';
import { defaultRingFor, ringForChoices } from '../../../electron/common/providers/ring-for.js';
import type { ProviderField } from '../../../electron/common/providers/provider-descriptor.js';
import {
  editableProviders,
  providerOf,
  providers,
} from '../../../electron/common/providers/index.js';

/** A config the schema takes, per kind: each test breaks one field of it. */
const valid: Record<(typeof providers)[number]['kind'], SourceConfigInput> = {
  drill: { kind: 'drill', id: 'drill', name: 'Drill' },
  alertmanager: {
    kind: 'alertmanager',
    id: 'am',
    name: 'AM',
    baseUrl: 'http://am:9093',
    auth: { type: 'basic', username: 'ops' },
  },
  pagerduty: { kind: 'pagerduty', id: 'pd', name: 'PD', email: 'dana@example.com' },
  'jsm-ops': {
    kind: 'jsm-ops',
    id: 'jsm',
    name: 'JSM',
    siteUrl: 'https://acme.atlassian.net',
    email: 'dana@example.com',
  },
  opsgenie: { kind: 'opsgenie', id: 'og', name: 'OG', username: 'dana@example.com' },
  'splunk-oncall': {
    kind: 'splunk-oncall',
    id: 'vo',
    name: 'VO',
    apiId: 'a1b2',
    username: 'dana',
  },
  'health-checks': {
    kind: 'health-checks',
    id: 'checks',
    name: 'Checks',
    checks: [{ kind: 'tcp', name: 'DB', host: 'db.internal', port: 5432 }],
    flap: { failAfter: 3, recoverAfter: 2, retryEverySeconds: 10 },
  },
  healthchecks: { kind: 'healthchecks', id: 'hc', name: 'Cron jobs', tags: 'prod backups' },
  pingdom: { kind: 'pingdom', id: 'pingdom', name: 'Pingdom', tags: 'production,checkout' },
  nodeping: { kind: 'nodeping', id: 'np', name: 'NodePing', customerId: '201205050153W2Q4C' },
};

const authTypes = alertmanagerAuthSchema.options.map((o) => o.shape.type.value);
const configPath = (path: string) => path.split('.').slice(1);
const fieldsOf = (provider: (typeof editableProviders)[number]) =>
  (provider.form.fields as readonly ProviderField<unknown>[]).map((field) => ({ provider, field }));
const allFields = editableProviders.flatMap(fieldsOf);
const describeField = ({ provider, field }: (typeof allFields)[number]) =>
  `${provider.kind} ${field.path}`;

describe('the provider list', () => {
  it('has one descriptor per kind, each naming its own schema’s kind', () => {
    const kinds = providers.map((p) => p.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const provider of providers) {
      expect(provider.configSchema.shape.kind.value).toBe(provider.kind);
      expect(provider.label.trim()).not.toBe('');
    }
  });

  it('is the union the main side validates settings and requests with', () => {
    expect(sourceConfigSchema.options.map((o) => o.shape.kind.value)).toEqual(
      providers.map((p) => p.kind),
    );
    for (const config of Object.values(valid)) {
      expect(sourceConfigSchema.safeParse(config).success).toBe(true);
    }
  });

  it('leaves only the built-in drill out of the form', () => {
    expect(providers.filter((p) => !('form' in p)).map((p) => p.kind)).toEqual(['drill']);
    expect(editableProviders.map((p) => p.kind)).toEqual(
      providers.map((p) => p.kind).filter((kind) => kind !== 'drill'),
    );
  });
});

describe('form fields match their schema', () => {
  it.each(allFields.map((entry) => [describeField(entry), entry] as const))(
    '%s exists in the schema or names a secret',
    (_name, { provider, field }) => {
      if (field.input === 'secret') {
        expect(field.path).toMatch(/^secrets\./);
        expect(secretNames).toContain(field.path.slice('secrets.'.length));
      } else {
        expect(field.path).toMatch(/^config\./);
        expect(fieldSchema(provider.configSchema, configPath(field.path))).toBeDefined();
      }
    },
  );

  it('offers exactly the values a select’s schema takes', () => {
    const options = (kind: string, path: string) =>
      allFields
        .find(({ provider, field }) => provider.kind === kind && field.path === path)
        ?.field.options?.map((o) => o.value);
    expect(allFields.filter(({ field }) => field.input === 'select').map(describeField)).toEqual([
      'alertmanager config.auth.type',
      'alertmanager config.ringFor',
      'pagerduty config.region',
      'pagerduty config.ringFor',
      'jsm-ops config.highUpTo',
      'jsm-ops config.product',
      'jsm-ops config.ringFor',
      'opsgenie config.region',
      'opsgenie config.ringFor',
      'splunk-oncall config.ringFor',
      'health-checks config.ringFor',
      'healthchecks config.ringFor',
      'pingdom config.ringFor',
      'nodeping config.ringFor',
    ]);
    expect(options('alertmanager', 'config.auth.type')).toEqual(authTypes);
    expect(options('pagerduty', 'config.region')).toEqual(regionSchema.unwrap().options);
    expect(options('opsgenie', 'config.region')).toEqual(regionSchema.unwrap().options);
    expect(options('jsm-ops', 'config.highUpTo')).toEqual(['P1', 'P2', 'P3', 'P4', 'P5']);
    expect(options('jsm-ops', 'config.product')).toEqual(['jsm', 'compass']);
    for (const provider of editableProviders) {
      const schema = fieldSchema(provider.configSchema, ['ringFor']) as z.ZodEnum;
      expect(options(provider.kind, 'config.ringFor')).toEqual(schema.options);
    }
  });
});

describe('Ring for', () => {
  const ringForOf = (kind: keyof typeof valid, ringFor?: string) =>
    sourceConfigSchema.safeParse({ ...valid[kind], ...(ringFor && { ringFor }) });

  it('offers each source the choices its knowledge of assignment allows, default first', () => {
    expect(providers.map((p) => [p.kind, p.assignment, ringForChoices[p.assignment]])).toEqual([
      ['drill', 'none', ['everything', 'while-on-call']],
      ['alertmanager', 'none', ['everything', 'while-on-call']],
      ['pagerduty', 'teams', ['mine', 'my-teams', 'everything']],
      ['jsm-ops', 'people', ['mine', 'everything']],
      ['opsgenie', 'teams', ['mine', 'my-teams', 'everything']],
      ['splunk-oncall', 'people', ['mine', 'everything']],
      ['health-checks', 'none', ['everything', 'while-on-call']],
      ['healthchecks', 'none', ['everything', 'while-on-call']],
      ['pingdom', 'none', ['everything', 'while-on-call']],
      ['nodeping', 'none', ['everything', 'while-on-call']],
    ]);
    expect(defaultRingFor('none')).toBe('everything');
    expect(defaultRingFor('teams')).toBe('mine');
  });

  it('is optional, and refuses a choice the source cannot honour with the ones it can', () => {
    expect(ringForOf('pagerduty').data).not.toHaveProperty('ringFor');
    expect(ringForOf('pagerduty', 'my-teams').data).toMatchObject({ ringFor: 'my-teams' });
    expect(ringForOf('alertmanager', 'mine').error?.issues).toEqual([
      expect.objectContaining({
        path: ['ringFor'],
        message: 'must be one of: everything, while-on-call',
      }),
    ]);
    expect(ringForOf('splunk-oncall', 'my-teams').error?.issues[0]?.message).toBe(
      'must be one of: mine, everything',
    );
  });

  it.each(
    allFields
      .filter(({ field }) => field.required && field.input !== 'secret')
      .map((entry) => [describeField(entry), entry] as const),
  )('%s is required by the schema too', (_name, { provider, field }) => {
    const config = structuredClone(valid[provider.kind]) as Record<string, unknown>;
    const keys = configPath(field.path);
    const parent = keys.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, config);
    parent[keys.at(-1)!] = field.input === 'number' ? Number.NaN : '  ';
    const result = provider.configSchema.safeParse(config);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(keys.join('.'));
  });

  it('leaves an optional box out rather than sending it empty', () => {
    for (const { provider, field } of allFields) {
      if (field.required || field.input === 'secret' || field.input === 'select') continue;
      const schema = fieldSchema(provider.configSchema, configPath(field.path));
      expect(schema, describeField({ provider, field })).toBeDefined();
      expect(
        provider.configSchema.shape[configPath(field.path)[0] as never] as z.ZodType,
      ).toBeInstanceOf(z.ZodOptional);
    }
  });

  it('has a form field for every secret a config can need', () => {
    for (const provider of editableProviders) {
      const secretFields = fieldsOf(provider)
        .map(({ field }) => field)
        .filter((f) => f.input === 'secret');
      expect(secretFields.every((f) => f.required)).toBe(true);
      const configs =
        provider.kind === 'alertmanager'
          ? authTypes.map((type) => ({ ...valid.alertmanager, auth: { type } }))
          : [valid[provider.kind]];
      for (const config of configs) {
        for (const secret of requiredSecrets(config as SourceConfigInput)) {
          expect(secretFields.map((f) => f.path)).toContain(`secrets.${secret}`);
        }
      }
    }
  });
});

describe('requiredSecrets', () => {
  const alertmanager = (auth: object) => ({ ...valid.alertmanager, auth }) as SourceConfigInput;

  it('follows Alertmanager’s auth type', () => {
    expect(requiredSecrets(alertmanager({ type: 'none' }))).toEqual([]);
    expect(requiredSecrets(alertmanager({ type: 'basic', username: 'u' }))).toEqual(['password']);
    expect(requiredSecrets(alertmanager({ type: 'bearer' }))).toEqual(['token']);
    // No auth in the settings file means none, as the schema's default says.
    const { auth: _none, ...noAuth } = valid.alertmanager as { auth: unknown };
    expect(requiredSecrets(noAuth as SourceConfigInput)).toEqual([]);
  });

  it('asks the paging providers for their API key and the drill for nothing', () => {
    expect(requiredSecrets(valid.pagerduty)).toEqual(['token']);
    expect(requiredSecrets(valid.opsgenie)).toEqual(['token']);
    expect(requiredSecrets(valid['splunk-oncall'])).toEqual(['token']);
    expect(requiredSecrets(valid.drill)).toEqual([]);
  });
});

describe('public API hosts', () => {
  const publicApi = (kind: (typeof providers)[number]['kind'], region?: 'us' | 'eu') => {
    const provider = providerOf(kind);
    const config = { ...valid[provider.kind], ...(region && { region }) };
    return 'publicApi' in provider ? provider.publicApi(config as never) : undefined;
  };

  it('names each region’s host, as PROVIDERS.md lists them', () => {
    expect(publicApi('pagerduty')).toBe('https://api.pagerduty.com');
    expect(publicApi('pagerduty', 'eu')).toBe('https://api.eu.pagerduty.com');
    expect(publicApi('opsgenie', 'us')).toBe('https://api.opsgenie.com');
    expect(publicApi('opsgenie', 'eu')).toBe('https://api.eu.opsgenie.com');
    expect(publicApi('splunk-oncall')).toBe('https://api.victorops.com');
    expect(publicApi('alertmanager')).toBeUndefined();
  });

  it('shows the host in the region menu', () => {
    const region = fieldsOf(providerOf('pagerduty')).find(
      ({ field }) => field.path === 'config.region',
    );
    expect(region?.field.options).toEqual([
      { value: 'us', label: 'US (api.pagerduty.com)' },
      { value: 'eu', label: 'EU (api.eu.pagerduty.com)' },
    ]);
  });
});
