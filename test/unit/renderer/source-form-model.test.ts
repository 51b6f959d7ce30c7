import { describe, expect, it } from 'vitest';
import {
  buildSourceRequest,
  emptySourceForm,
  formValuesFromConfig,
  noSecrets,
  parseFieldErrors,
} from '../../../renderer/features/settings/source-form-model.js';
import type { AlertmanagerConfig } from '../../../renderer/lib/contract-types.js';

const values = { ...emptySourceForm, name: 'Prod', baseUrl: 'http://am:9093' };

describe('buildSourceRequest', () => {
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

  it('returns a plain error message whole', () => {
    expect(parseFieldErrors('a source with id prod already exists')).toEqual({
      fields: {},
      other: 'a source with id prod already exists',
    });
  });
});
