import { describe, expect, it } from 'vitest';
import { commands } from '../../../electron/common/contract/ipc-contract.js';
import { editableProviders } from '../../../electron/common/providers/index.js';
import {
  describeConnectionTest,
  draftRequest,
  emptyFormOfKind,
  emptySourceForm,
  fieldPlaceholder,
  formValuesFromConfig,
  kindOptions,
  defaultsAfterKindChange,
  menusAfterKindChange,
  placeIssues,
  validateSourceForm,
  visibleFields,
  type EditableConfig,
  type FormContext,
  type SourceFormValues,
} from '../../../renderer/features/settings/source-form-model.js';

type Config = Record<string, unknown>;
type Secrets = SourceFormValues['secrets'];

/** The form's bag with these boxes filled in, as a responder would type them. */
function form(kind: SourceFormValues['config']['kind'], config: Config, secrets: Secrets = {}) {
  const values = emptyFormOfKind(kind);
  return { config: { ...values.config, ...config }, secrets } as SourceFormValues;
}

const context: FormContext = { idFor: () => 'src', stored: undefined };
const stored = (token: boolean, password = false): FormContext => ({
  ...context,
  stored: { token, password },
});

function request(values: SourceFormValues, ctx = context) {
  const result = validateSourceForm(values, ctx);
  if (!result.ok) throw new Error(`rejected: ${JSON.stringify(result.errors)}`);
  return result.request;
}

/** Field path → message, for the errors a submit would show. */
function errorsOf(values: SourceFormValues, ctx = context): Record<string, string> {
  const result = validateSourceForm(values, ctx);
  if (result.ok) return {};
  const flat: Record<string, string> = {};
  const walk = (node: unknown, path: string[]) => {
    if (node && typeof node === 'object' && 'message' in node && 'type' in node) {
      flat[path.join('.')] = String(node.message);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
    }
  };
  walk(result.errors, []);
  return flat;
}

const alertmanager = form('alertmanager', { name: 'Prod', baseUrl: 'http://am:9093' });
const pagerDuty = form('pagerduty', { name: 'PagerDuty', email: 'dana@example.com' });
const opsgenie = form('opsgenie', { name: 'Opsgenie EU', region: 'eu', username: 'dana@x.io' });
const splunk = form('splunk-oncall', { name: 'VictorOps', apiId: 'a1b2c3', username: 'dana' });
const key = { token: 'api-key' };

describe('the Source type menu', () => {
  it('lists the descriptors that have a form, with their labels, in the list’s order', () => {
    expect(kindOptions).toEqual(editableProviders.map((p) => ({ value: p.kind, label: p.label })));
    expect(kindOptions.map((o) => o.label)).toEqual([
      'Prometheus Alertmanager',
      'PagerDuty',
      'Jira Service Management Operations',
      'Opsgenie',
      'Splunk On-Call',
      'Health checks (HTTP, TCP, DNS, TLS)',
      'Healthchecks.io',
      'Pingdom',
      'NodePing',
    ]);
    expect(emptySourceForm.config.kind).toBe('alertmanager');
  });

  it('starts from the schema’s defaults', () => {
    expect(emptySourceForm.config).toMatchObject({
      pollIntervalSeconds: 30,
      ackSilenceMinutes: 60,
      auth: { type: 'none' },
      region: 'us',
    });
  });
});

describe('visibleFields', () => {
  const labels = (values: SourceFormValues) => visibleFields(values).map((field) => field.label);

  it('shows each kind its own fields, in order', () => {
    expect(labels(pagerDuty)).toEqual([
      'Name',
      'Region',
      'Email',
      'API key',
      'Ring for',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
    expect(labels(opsgenie)).toEqual([
      'Name',
      'Region',
      'Username',
      'API key',
      'Ring for',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
    expect(labels(splunk)).toEqual([
      'Name',
      'API ID',
      'API key',
      'Username',
      'Ring for',
      'API URL (advanced)',
      'Poll interval (seconds)',
    ]);
  });

  it('shows Alertmanager the username and secret its auth needs', () => {
    expect(labels(alertmanager)).toEqual([
      'Name',
      'Base URL',
      'Other replicas (HA)',
      'Authentication',
      'Ack silence (minutes)',
      'Ring for',
      'Poll interval (seconds)',
    ]);
    const basic = form('alertmanager', { auth: { type: 'basic', username: '' } });
    expect(labels(basic)).toEqual(expect.arrayContaining(['Username', 'Password']));
    expect(labels(basic)).not.toContain('Token');
    expect(labels(form('alertmanager', { auth: { type: 'bearer' } }))).toContain('Token');
  });

  it('shows as the API URL’s example the public host it would replace', () => {
    const apiUrl = (values: SourceFormValues) =>
      fieldPlaceholder(
        visibleFields(values).find((f) => f.path === 'config.apiBaseUrl')!,
        values,
      );
    expect(apiUrl(pagerDuty)).toBe('https://api.pagerduty.com');
    expect(apiUrl({ ...pagerDuty, config: { ...pagerDuty.config, region: 'eu' } })).toBe(
      'https://api.eu.pagerduty.com',
    );
    expect(apiUrl(opsgenie)).toBe('https://api.eu.opsgenie.com');
    expect(apiUrl(splunk)).toBe('https://api.victorops.com');
  });
});

describe('the request a valid form sends', () => {
  it('is the main side’s parse of it: defaults filled in, no secrets when none typed', () => {
    expect(request(alertmanager)).toEqual({
      config: {
        kind: 'alertmanager',
        id: 'src',
        name: 'Prod',
        baseUrl: 'http://am:9093',
        auth: { type: 'none' },
        ackSilenceMinutes: 60,
        pollIntervalSeconds: 30,
        timeoutSeconds: 10,
      },
    });
  });

  it('carries the id made from the typed name', () => {
    const ctx = { ...context, idFor: (name: string) => `id-of-${name.toLowerCase()}` };
    expect(request(alertmanager, ctx).config.id).toBe('id-of-prod');
  });

  it('sends only the secret the chosen auth needs', () => {
    const secrets = { password: 'pw', token: 'tok' };
    const basic = form('alertmanager', {
      ...alertmanager.config,
      auth: { type: 'basic', username: 'u' },
    });
    expect(request({ ...basic, secrets })).toMatchObject({
      config: { auth: { type: 'basic', username: 'u' } },
      secrets: { password: 'pw' },
    });
    expect(request({ ...basic, secrets }).secrets).toEqual({ password: 'pw' });
    const bearer = form('alertmanager', { ...alertmanager.config, auth: { type: 'bearer' } });
    expect(request({ ...bearer, secrets }).secrets).toEqual({ token: 'tok' });
    expect(request({ ...alertmanager, secrets })).not.toHaveProperty('secrets');
  });

  it('sends no secret when the box was left empty and the keychain has one', () => {
    const bearer = form('alertmanager', { ...alertmanager.config, auth: { type: 'bearer' } });
    expect(request({ ...bearer, secrets: { token: '' } }, stored(true))).not.toHaveProperty(
      'secrets',
    );
  });

  it('never sends a password to a provider that takes an API key', () => {
    expect(draftRequest({ ...splunk, secrets: { password: 'pw' } }, 'vo')).not.toHaveProperty(
      'secrets',
    );
    expect(request({ ...splunk, secrets: { password: 'pw', ...key } }).secrets).toEqual(key);
  });

  it('drops what another kind’s boxes hold', () => {
    const switched = form('pagerduty', { ...alertmanager.config, ...pagerDuty.config });
    expect(request({ ...switched, secrets: key }).config).not.toHaveProperty('baseUrl');
  });

  it('shows each kind’s “Ring for” default in a new form, and sends only a choice away from it', () => {
    expect(emptySourceForm.config.ringFor).toBe('everything');
    expect(emptyFormOfKind('pagerduty').config.ringFor).toBe('mine');
    // Absent means the kind's default: a source saved unchanged stays as it was.
    expect(request({ ...pagerDuty, secrets: key }).config).not.toHaveProperty('ringFor');
    expect(request(alertmanager).config).not.toHaveProperty('ringFor');
    const teams = form('pagerduty', { ...pagerDuty.config, ringFor: 'my-teams' });
    expect(request({ ...teams, secrets: key }).config).toMatchObject({ ringFor: 'my-teams' });
    const onCall = form('alertmanager', { ...alertmanager.config, ringFor: 'while-on-call' });
    expect(request(onCall).config).toMatchObject({ ringFor: 'while-on-call' });
  });

  it('resets “Ring for” to the new type’s default when its choices change with the type', () => {
    // Alertmanager's "Every page" must not become PagerDuty's "Every page" unseen.
    const everything = { ...emptySourceForm, config: { ...emptySourceForm.config } };
    everything.config.ringFor = 'everything';
    everything.config.kind = 'pagerduty';
    expect(menusAfterKindChange(everything, 'alertmanager')).toEqual([['config.ringFor', 'mine']]);

    // PagerDuty and Opsgenie offer the same choices (and regions): what was chosen stays.
    const teams = form('opsgenie', { ringFor: 'my-teams', region: 'eu' });
    expect(menusAfterKindChange(teams, 'pagerduty')).toEqual([]);
    // Splunk On-Call cannot tell teams.
    const splunkTeams = form('splunk-oncall', { ringFor: 'my-teams' });
    expect(menusAfterKindChange(splunkTeams, 'pagerduty')).toEqual([['config.ringFor', 'mine']]);
  });

  it('moves a poll interval left at the old kind’s default to the new kind’s', () => {
    expect(emptyFormOfKind('pingdom').config.pollIntervalSeconds).toBe(60);
    expect(emptyFormOfKind('healthchecks').config.pollIntervalSeconds).toBe(30);
    const untouched = form('pingdom', { pollIntervalSeconds: 30 });
    expect(defaultsAfterKindChange(untouched, 'alertmanager')).toEqual([
      ['config.pollIntervalSeconds', 60],
    ]);
    expect(
      defaultsAfterKindChange(form('pingdom', { pollIntervalSeconds: 120 }), 'opsgenie'),
    ).toEqual([]);
    expect(
      defaultsAfterKindChange(form('alertmanager', { pollIntervalSeconds: 60 }), 'pingdom'),
    ).toEqual([['config.pollIntervalSeconds', 30]]);
  });

  it('shows an existing source’s “Ring for”, or its kind’s default when it has none', () => {
    const existing: EditableConfig = {
      kind: 'pagerduty',
      id: 'pd',
      name: 'PagerDuty',
      region: 'us',
      email: 'dana@example.com',
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    };
    const everything = formValuesFromConfig({ ...existing, ringFor: 'everything' });
    expect(everything.config.ringFor).toBe('everything');
    expect(request({ ...everything, secrets: key }).config).toMatchObject({
      ringFor: 'everything',
    });
    expect(formValuesFromConfig(existing).config.ringFor).toBe('mine');
  });

  it('reads number boxes as numbers, and an empty one as NaN rather than 0', () => {
    const typed = form('alertmanager', { ...alertmanager.config, pollIntervalSeconds: '45' });
    expect(request(typed).config.pollIntervalSeconds).toBe(45);
    const empty = form('alertmanager', { ...alertmanager.config, pollIntervalSeconds: ' ' });
    expect(draftRequest(empty, 'p').config.pollIntervalSeconds).toBeNaN();
  });

  it('builds PagerDuty, Opsgenie and Splunk On-Call requests with the API key as the token', () => {
    expect(request({ ...pagerDuty, secrets: key })).toEqual({
      config: {
        kind: 'pagerduty',
        id: 'src',
        name: 'PagerDuty',
        region: 'us',
        email: 'dana@example.com',
        pollIntervalSeconds: 30,
        timeoutSeconds: 10,
      },
      secrets: key,
    });
    expect(request({ ...opsgenie, secrets: key }).config).toEqual({
      kind: 'opsgenie',
      id: 'src',
      name: 'Opsgenie EU',
      region: 'eu',
      username: 'dana@x.io',
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    });
    expect(request({ ...splunk, secrets: key }).config).toEqual({
      kind: 'splunk-oncall',
      id: 'src',
      name: 'VictorOps',
      apiId: 'a1b2c3',
      username: 'dana',
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    });
  });

  it('sends the advanced API URL only when one is typed, trimmed', () => {
    const proxied = form('pagerduty', { ...pagerDuty.config, apiBaseUrl: ' https://pd.corp/ ' });
    expect(request({ ...proxied, secrets: key }).config).toMatchObject({
      apiBaseUrl: 'https://pd.corp/',
    });
    const blank = form('pagerduty', { ...pagerDuty.config, apiBaseUrl: '  ' });
    expect(request({ ...blank, secrets: key }).config).not.toHaveProperty('apiBaseUrl');
  });

  it('sends the other replicas one per line, as a list without the blank lines', () => {
    const ha = form('alertmanager', {
      ...alertmanager.config,
      replicaUrls: ' http://am-1:9093 \n\n http://am-2:9093/am\r\n',
    });
    expect(request(ha).config).toMatchObject({
      baseUrl: 'http://am:9093',
      replicaUrls: ['http://am-1:9093', 'http://am-2:9093/am'],
    });
    const none = form('alertmanager', { ...alertmanager.config, replicaUrls: ' \n ' });
    expect(request(none).config).not.toHaveProperty('replicaUrls');
  });

  it('puts a replica that is no URL, or listed twice, on the replicas box', () => {
    const bad = (replicaUrls: string) =>
      errorsOf(form('alertmanager', { ...alertmanager.config, replicaUrls }));
    expect(bad('am-1 port 9093')).toEqual({
      'config.replicaUrls': 'each replica must be a URL such as http://alertmanager-1:9093',
    });
    expect(bad('http://AM:9093/')).toEqual({
      'config.replicaUrls': 'http://AM:9093/ is listed twice',
    });
  });

  it.each<EditableConfig>([
    {
      kind: 'alertmanager',
      id: 'prod',
      name: 'Prod',
      baseUrl: 'https://am.example.com',
      auth: { type: 'basic', username: 'ops' },
      ackSilenceMinutes: 120,
      pollIntervalSeconds: 15,
      timeoutSeconds: 7,
    },
    {
      kind: 'alertmanager',
      id: 'ha',
      name: 'HA',
      baseUrl: 'https://am-0.example.com',
      replicaUrls: ['https://am-1.example.com', 'https://am-2.example.com'],
      auth: { type: 'none' },
      ackSilenceMinutes: 60,
      pollIntervalSeconds: 30,
      timeoutSeconds: 10,
    },
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
  ])('round-trips an existing $kind config, fields the form does not show included', (existing) => {
    const values = formValuesFromConfig(existing);
    expect(values.config.kind).toBe(existing.kind);
    const ctx = { idFor: () => existing.id, stored: { token: true, password: true } };
    expect(request(values, ctx).config).toEqual(existing);
  });
});

describe('what the form refuses before asking the main side', () => {
  it('passes complete forms', () => {
    expect(errorsOf({ ...pagerDuty, secrets: key })).toEqual({});
    expect(errorsOf(alertmanager)).toEqual({});
  });

  it('flags the empty required fields of each kind with the descriptor’s words', () => {
    expect(errorsOf({ ...emptyFormOfKind('pagerduty'), secrets: key })).toEqual({
      'config.name': 'A name is required',
      'config.email': 'The email of your PagerDuty user is required',
    });
    expect(Object.keys(errorsOf({ ...emptyFormOfKind('opsgenie'), secrets: key }))).toEqual([
      'config.name',
      'config.username',
    ]);
    expect(Object.keys(errorsOf({ ...emptyFormOfKind('splunk-oncall'), secrets: key }))).toEqual([
      'config.name',
      'config.apiId',
      'config.username',
    ]);
    expect(errorsOf(emptySourceForm)).toEqual({
      'config.name': 'A name is required',
      'config.baseUrl': 'The Alertmanager URL is required',
    });
    const noInterval = form('alertmanager', { ...alertmanager.config, pollIntervalSeconds: '' });
    expect(errorsOf(noInterval)).toEqual({
      'config.pollIntervalSeconds': 'A poll interval is required',
    });
  });

  it('requires the secret unless the keychain already has it', () => {
    expect(errorsOf(splunk)).toEqual({ 'secrets.token': 'API key is required' });
    expect(errorsOf(splunk, stored(true))).toEqual({});
    const basic = form('alertmanager', {
      ...alertmanager.config,
      auth: { type: 'basic', username: 'ops' },
    });
    expect(errorsOf(basic, stored(true))).toEqual({ 'secrets.password': 'Password is required' });
    expect(errorsOf({ ...basic, secrets: { password: 'pw' } })).toEqual({});
  });

  // Each case: what the responder typed, and the field the main side's schema blames for it.
  it.each<[string, SourceFormValues, string]>([
    ['a base URL that is no URL', form('alertmanager', { name: 'A', baseUrl: 'nope' }), 'baseUrl'],
    [
      'a base URL that is not HTTP',
      form('alertmanager', { name: 'A', baseUrl: 'ftp://am:21' }),
      'baseUrl',
    ],
    ['an email that is no email', form('pagerduty', { name: 'P', email: 'dana' }), 'email'],
    [
      'a proxy URL that is no URL',
      form('pagerduty', { ...pagerDuty.config, apiBaseUrl: 'pd proxy' }),
      'apiBaseUrl',
    ],
    [
      'polling faster than every 5 s',
      form('opsgenie', { ...opsgenie.config, pollIntervalSeconds: '2' }),
      'pollIntervalSeconds',
    ],
    [
      'a fractional silence',
      form('alertmanager', { ...alertmanager.config, ackSilenceMinutes: '1.5' }),
      'ackSilenceMinutes',
    ],
    ['an overlong name', form('splunk-oncall', { ...splunk.config, name: 'n'.repeat(81) }), 'name'],
  ])('refuses %s, on that field, in the schema’s words', (_case, values, field) => {
    const withKey = { ...values, secrets: key };
    const main = commands.addSource.request.safeParse(draftRequest(withKey, 'src'));
    const issue = main.error?.issues.find((i) => i.path.join('.') === `config.${field}`);
    expect(issue).toBeDefined();
    expect(errorsOf(withKey)).toEqual({ [`config.${field}`]: issue!.message });
  });
});

describe('placeIssues', () => {
  const visible = visibleFields(form('alertmanager', { auth: { type: 'bearer' } }));

  it('puts the main side’s issues on their fields by path', () => {
    const { fields, other } = placeIssues(
      [
        { path: ['config', 'baseUrl'], message: 'must be a URL' },
        { path: ['secrets', 'token'], message: 'Token is required' },
        { path: ['config', 'baseUrl'], message: 'second word on the same field' },
      ],
      visible,
    );
    expect(Object.fromEntries(fields)).toEqual({
      'config.baseUrl': 'must be a URL',
      'secrets.token': 'Token is required',
    });
    expect(other).toEqual([]);
  });

  it('blames the name for the id made from it, and a group’s first field for the group', () => {
    const { fields } = placeIssues(
      [
        { path: ['config', 'id'], message: 'bad id' },
        { path: ['config', 'auth'], message: 'bad auth' },
      ],
      visible,
    );
    expect(Object.fromEntries(fields)).toEqual({
      'config.name': 'bad id',
      'config.auth.type': 'bad auth',
    });
  });

  it('keeps, word for word, issues that match no visible field', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    expect(
      placeIssues(
        [
          { path: ['config', 'timeoutSeconds'], message: 'too long' },
          { path: ['config'], message: hostile },
          { path: [], message: 'nothing to update' },
        ],
        visible,
      ).other,
    ).toEqual(['too long', hostile, 'nothing to update']);
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

describe('a YAML box (the health checks)', () => {
  const checksForm = (text: string) => {
    const values = emptyFormOfKind('health-checks');
    values.config.name = 'Prod checks';
    values.config.checks = text;
    return values;
  };
  const context = { idFor: () => 'prod-checks', stored: undefined };

  it('sends the list the YAML describes, parsed by the main side’s schema', () => {
    const result = validateSourceForm(
      checksForm('- name: API\n  kind: http\n  url: https://api.example.com/health\n'),
      context,
    );
    expect(result.ok && result.request.config).toMatchObject({
      kind: 'health-checks',
      checks: [{ name: 'API', kind: 'http', method: 'GET', expectStatus: ['2xx'] }],
      flap: { failAfter: 3, recoverAfter: 2, retryEverySeconds: 10 },
    });
  });

  it('says which check and which field is wrong, and when the YAML cannot be read', () => {
    const wrong = validateSourceForm(
      checksForm(
        '- name: API\n  kind: http\n  url: https://api.example.com\n- name: DB\n  kind: tcp\n  host: db\n',
      ),
      context,
    );
    expect(!wrong.ok && wrong.errors.config).toMatchObject({
      checks: { message: expect.stringMatching(/^checks 2 → port: /) },
    });
    const unreadable = validateSourceForm(checksForm('- name: [unclosed'), context);
    expect(!unreadable.ok && unreadable.errors.config).toMatchObject({
      checks: { message: expect.stringMatching(/^not valid YAML: /) },
    });
  });

  it('shows a saved source’s checks as YAML, which reads back the same', () => {
    const config: EditableConfig = {
      kind: 'health-checks',
      id: 'prod-checks',
      name: 'Prod checks',
      pollIntervalSeconds: 5,
      timeoutSeconds: 10,
      flap: { failAfter: 3, recoverAfter: 2, retryEverySeconds: 10 },
      checks: [
        {
          kind: 'tcp',
          name: 'DB',
          host: 'db',
          port: 5432,
          intervalSeconds: 30,
          timeoutSeconds: 10,
          urgency: 'high',
        },
      ],
    };
    const values = formValuesFromConfig(config);
    expect(values.config.checks).toContain('host: db');
    const result = validateSourceForm(values, context);
    expect(result.ok && result.request.config).toEqual(config);
  });
});

describe('defaults that differ by kind', () => {
  it('a poll interval left at a provider’s 30 s becomes the health checks’ 5 s, a typed one stays', () => {
    expect(emptyFormOfKind('health-checks').config.pollIntervalSeconds).toBe(5);
    const untouched = structuredClone(emptySourceForm);
    untouched.config.kind = 'health-checks';
    expect(menusAfterKindChange(untouched, 'alertmanager')).toContainEqual([
      'config.pollIntervalSeconds',
      '5',
    ]);
    const typed = structuredClone(emptySourceForm);
    typed.config.kind = 'health-checks';
    typed.config.pollIntervalSeconds = '45';
    expect(menusAfterKindChange(typed, 'alertmanager').map(([path]) => path)).not.toContain(
      'config.pollIntervalSeconds',
    );
  });
});
