import { describe, expect, it } from 'vitest';
import {
  buildSourceRequest,
  describeConnectionTest,
  emptySourceForm,
  fieldLabel,
  formValuesFromConfig,
  noSecrets,
  parseFieldErrors,
  validateSourceForm,
  visibleFields,
  type SourceFormValues,
} from '../../../renderer/features/settings/source-form-model.js';
import type { AlertmanagerConfig, EditableConfig } from '../../../renderer/lib/contract-types.js';

const values = { ...emptySourceForm, name: 'Prod', baseUrl: 'http://am:9093' };

describe('buildSourceRequest: Alertmanager', () => {
  it('builds an Alertmanager config with the form defaults and no secrets', () => {
    expect(buildSourceRequest(values, 'prod', noSecrets)).toEqual({
      config: {
        kind: 'alertmanager',
        id: 'prod',
        name: 'Prod',
        baseUrl: 'http://am:9093',
        auth: { type: 'none' },
        ackSilenceMinutes: 60,
        pollIntervalSeconds: 30,
      },
    });
  });

  it('sends only the secret the chosen auth needs', () => {
    const secrets = { password: 'pw', token: 'tok' };
    const basic = buildSourceRequest({ ...values, authType: 'basic', username: 'u' }, 'p', secrets);
    expect(basic.config).toMatchObject({ auth: { type: 'basic', username: 'u' } });
    expect(basic.secrets).toEqual({ password: 'pw' });
    const bearer = buildSourceRequest({ ...values, authType: 'bearer' }, 'p', secrets);
    expect(bearer.config).toMatchObject({ auth: { type: 'bearer' } });
    expect(bearer.secrets).toEqual({ token: 'tok' });
    expect(buildSourceRequest(values, 'p', secrets).secrets).toBeUndefined();
  });

  it('sends no secret when the box was left empty, so the stored one is kept', () => {
    const request = buildSourceRequest({ ...values, authType: 'bearer' }, 'p', noSecrets);
    expect(request).not.toHaveProperty('secrets');
  });

  it('turns an empty number box into NaN for the main side to reject, not 0', () => {
    const request = buildSourceRequest({ ...values, pollIntervalSeconds: ' ' }, 'p', noSecrets);
    expect(request.config.pollIntervalSeconds).toBeNaN();
  });

  it('round-trips an existing config and keeps fields the form does not show', () => {
    const existing: AlertmanagerConfig = {
      kind: 'alertmanager',
      id: 'prod',
      name: 'Prod',
      baseUrl: 'https://am.example.com',
      auth: { type: 'basic', username: 'ops' },
      ackSilenceMinutes: 120,
      pollIntervalSeconds: 15,
      timeoutSeconds: 7,
    };
    const form = formValuesFromConfig(existing);
    expect(form).toMatchObject({ authType: 'basic', username: 'ops', ackSilenceMinutes: '120' });
    expect(buildSourceRequest(form, 'prod', noSecrets, existing).config).toEqual(existing);
  });
});

const pagerDuty: SourceFormValues = {
  ...emptySourceForm,
  kind: 'pagerduty',
  name: 'PagerDuty',
  email: 'dana@example.com',
};
const opsgenie: SourceFormValues = {
  ...emptySourceForm,
  kind: 'opsgenie',
  name: 'Opsgenie EU',
  region: 'eu',
  username: 'dana@example.com',
};
const splunk: SourceFormValues = {
  ...emptySourceForm,
  kind: 'splunk-oncall',
  name: 'VictorOps',
  apiId: 'a1b2c3',
  username: 'dana',
};
const key = { ...noSecrets, token: 'api-key' };

describe('visibleFields and fieldLabel', () => {
  const labels = (values: SourceFormValues) =>
    visibleFields(values).map((field) => fieldLabel(field, values.kind));

  it('shows each kind its own fields, in order', () => {
    expect(labels(pagerDuty)).toEqual([
      'Name',
      'Region',
      'Email',
      'API key',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
    expect(labels(opsgenie)).toEqual([
      'Name',
      'Region',
      'Username',
      'API key',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
    expect(labels(splunk)).toEqual([
      'Name',
      'API ID',
      'API key',
      'Username',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
  });

  it('keeps the Alertmanager fields, with the secret its auth needs', () => {
    expect(labels(values)).toEqual([
      'Name',
      'Base URL',
      'Authentication',
      'Ack silence (minutes)',
      'Poll interval (seconds)',
    ]);
    expect(labels({ ...values, authType: 'basic' })).toContain('Password');
    expect(labels({ ...values, authType: 'bearer' })).toContain('Token');
    expect(fieldLabel('kind', 'alertmanager')).toBe('Source type');
  });
});

describe('buildSourceRequest: paging providers', () => {
  it('builds a PagerDuty config with the API key as the token', () => {
    expect(buildSourceRequest(pagerDuty, 'pagerduty', key)).toEqual({
      config: {
        kind: 'pagerduty',
        id: 'pagerduty',
        name: 'PagerDuty',
        region: 'us',
        email: 'dana@example.com',
        pollIntervalSeconds: 30,
      },
      secrets: { token: 'api-key' },
    });
  });

  it('builds Opsgenie and Splunk On-Call configs', () => {
    expect(buildSourceRequest(opsgenie, 'og', noSecrets).config).toEqual({
      kind: 'opsgenie',
      id: 'og',
      name: 'Opsgenie EU',
      region: 'eu',
      username: 'dana@example.com',
      pollIntervalSeconds: 30,
    });
    expect(buildSourceRequest(splunk, 'vo', key)).toEqual({
      config: {
        kind: 'splunk-oncall',
        id: 'vo',
        name: 'VictorOps',
        apiId: 'a1b2c3',
        username: 'dana',
        pollIntervalSeconds: 30,
      },
      secrets: { token: 'api-key' },
    });
  });

  it('sends the advanced API URL only when one is typed, trimmed', () => {
    const proxied = { ...pagerDuty, apiBaseUrl: ' https://pd-proxy.corp/ ' };
    expect(buildSourceRequest(proxied, 'p', noSecrets).config).toMatchObject({
      apiBaseUrl: 'https://pd-proxy.corp/',
    });
    expect(
      buildSourceRequest({ ...pagerDuty, apiBaseUrl: '  ' }, 'p', noSecrets).config,
    ).not.toHaveProperty('apiBaseUrl');
  });

  it('never sends a password to a provider that takes an API key', () => {
    const request = buildSourceRequest(splunk, 'vo', { password: 'pw', token: '' });
    expect(request).not.toHaveProperty('secrets');
  });

  it.each<EditableConfig>([
    {
      kind: 'pagerduty',
      id: 'pd',
      name: 'PD',
      region: 'eu',
      email: 'a@b.co',
      apiBaseUrl: 'http://127.0.0.1:9000',
      pollIntervalSeconds: 60,
      timeoutSeconds: 5,
    },
    {
      kind: 'opsgenie',
      id: 'og',
      name: 'OG',
      region: 'us',
      username: 'a@b.co',
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    },
    {
      kind: 'splunk-oncall',
      id: 'vo',
      name: 'VO',
      apiId: 'id',
      username: 'dana',
      pollIntervalSeconds: 45,
      timeoutSeconds: 10,
    },
  ])('round-trips an existing $kind config', (existing) => {
    const form = formValuesFromConfig(existing);
    expect(form.kind).toBe(existing.kind);
    expect(buildSourceRequest(form, existing.id, noSecrets, existing).config).toEqual(existing);
  });
});

describe('validateSourceForm', () => {
  it('passes complete forms', () => {
    expect(validateSourceForm(pagerDuty, key, undefined)).toEqual({});
    expect(validateSourceForm(values, noSecrets, undefined)).toEqual({});
  });

  it('flags the empty required fields of each kind', () => {
    const blank = { ...emptySourceForm };
    expect(validateSourceForm({ ...blank, kind: 'pagerduty' }, key, undefined)).toEqual({
      name: 'A name is required',
      email: 'The email of your PagerDuty user is required',
    });
    expect(Object.keys(validateSourceForm({ ...blank, kind: 'opsgenie' }, key, undefined))).toEqual(
      ['name', 'username'],
    );
    expect(
      Object.keys(validateSourceForm({ ...blank, kind: 'splunk-oncall' }, key, undefined)),
    ).toEqual(['name', 'apiId', 'username']);
    expect(Object.keys(validateSourceForm(blank, noSecrets, undefined))).toEqual([
      'name',
      'baseUrl',
    ]);
  });

  it('requires the secret unless the keychain already has it', () => {
    expect(validateSourceForm(splunk, noSecrets, undefined)).toEqual({
      token: 'API key is required',
    });
    expect(validateSourceForm(splunk, noSecrets, { password: false, token: true })).toEqual({});
    const basic = { ...values, authType: 'basic' as const, username: 'ops' };
    expect(validateSourceForm(basic, noSecrets, { password: false, token: true })).toEqual({
      password: 'Password is required',
    });
  });
});

describe('describeConnectionTest', () => {
  it('lists the summary, who the key belongs to, and what it may do', () => {
    expect(
      describeConnectionTest({
        ok: true,
        summary: 'PagerDuty: 3 open incidents',
        identity: 'Dana Ortiz <dana@example.com>',
        allowedActions: ['ack', 'resolve', 'note', 'custom'],
      }),
    ).toEqual({
      ok: true,
      lines: [
        'PagerDuty: 3 open incidents',
        'Signed in as Dana Ortiz <dana@example.com>',
        'Can: acknowledge, resolve, add notes, custom',
      ],
    });
  });

  it('warns about a read-only key and passes failures through', () => {
    expect(describeConnectionTest({ ok: true, summary: 's', allowedActions: [] }).lines).toEqual([
      's',
      'Can only read: this key cannot act on incidents',
    ]);
    expect(describeConnectionTest({ ok: true, summary: 's' }).lines).toEqual(['s']);
    expect(describeConnectionTest({ ok: false, error: '401 Unauthorized' })).toEqual({
      ok: false,
      lines: ['401 Unauthorized'],
    });
  });
});

describe('parseFieldErrors', () => {
  it('maps zod issue paths to form fields, behind any transport prefix', () => {
    const message =
      "Error invoking remote method 'onwatch:addSource': ContractError: invalid addSource request: " +
      '✖ must be a URL such as http://alertmanager:9093\n  → at config.baseUrl\n' +
      '✖ a name is required\n  → at config.name\n' +
      '✖ Too small: expected string to have >=1 characters\n  → at config.auth.username\n' +
      '✖ Too small: expected number to be >=5\n  → at config.pollIntervalSeconds';
    expect(parseFieldErrors(message)).toEqual({
      fields: {
        baseUrl: 'must be a URL such as http://alertmanager:9093',
        name: 'a name is required',
        username: 'Too small: expected string to have >=1 characters',
        pollIntervalSeconds: 'Too small: expected number to be >=5',
      },
      other: null,
    });
  });

  it('keeps issues that match no field', () => {
    const message = '✖ Unrecognized key: "extra"\n  → at config.extra\n✖ Invalid input';
    expect(parseFieldErrors(message)).toEqual({
      fields: {},
      other: 'Unrecognized key: "extra" (config.extra)\nInvalid input',
    });
  });

  it('maps the provider fields too', () => {
    const message =
      '✖ the email of your PagerDuty user\n  → at config.email\n' +
      '✖ Too small\n  → at config.apiId\n' +
      '✖ Invalid URL\n  → at config.apiBaseUrl\n' +
      '✖ Invalid option\n  → at config.region\n' +
      '✖ Too small\n  → at config.username';
    expect(Object.keys(parseFieldErrors(message).fields)).toEqual([
      'email',
      'apiId',
      'apiBaseUrl',
      'region',
      'username',
    ]);
  });

  it('returns a plain error message whole', () => {
    expect(parseFieldErrors('a source with id prod already exists')).toEqual({
      fields: {},
      other: 'a source with id prod already exists',
    });
  });
});
