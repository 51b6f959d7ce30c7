import { describe, expect, it } from 'vitest';
import { sourceConfigSchema } from '../../../electron/common/model/source-config.js';
import type { OpsgenieSourceConfig } from '../../../electron/common/model/source-config.js';
import {
  formValuesForMove,
  validateSourceForm,
} from '../../../renderer/features/settings/source-form-model.js';

const opsgenie = sourceConfigSchema.parse({
  kind: 'opsgenie',
  id: 'og',
  name: 'Opsgenie EU',
  region: 'eu',
  username: 'dana@acme.example',
  pollIntervalSeconds: 45,
  timeoutSeconds: 20,
  ringFor: 'everything',
}) as OpsgenieSourceConfig;

describe('Move to Jira Service Management', () => {
  it('prefills a JSM form with what the Opsgenie source already says', () => {
    const { config, secrets } = formValuesForMove(opsgenie);
    expect(config).toMatchObject({
      kind: 'jsm-ops',
      name: 'Opsgenie EU (JSM)',
      email: 'dana@acme.example',
      pollIntervalSeconds: 45,
      timeoutSeconds: 20,
      ringFor: 'everything',
      highUpTo: 'P2',
      product: 'jsm',
      siteUrl: '',
    });
    expect(secrets).toEqual({});
  });

  it('keeps a team-wide ring policy ringing: JSM cannot tell my teams, so every page rings', () => {
    const { config } = formValuesForMove({ ...opsgenie, ringFor: 'my-teams' });
    expect(config.ringFor).toBe('everything');
  });

  it('asks only for the site and the API token before it can be saved', () => {
    const context = { idFor: () => 'og-jsm', stored: undefined };
    const empty = validateSourceForm(formValuesForMove(opsgenie), context);
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(Object.keys(empty.errors.config ?? {})).toEqual(['siteUrl']);
      expect(Object.keys(empty.errors.secrets ?? {})).toEqual(['token']);
    }
    const filled = formValuesForMove(opsgenie);
    filled.config.siteUrl = 'https://acme.atlassian.net';
    filled.secrets.token = 'ATATT-token';
    const result = validateSourceForm(filled, context);
    expect(result.ok && result.request.config).toMatchObject({
      kind: 'jsm-ops',
      id: 'og-jsm',
      siteUrl: 'https://acme.atlassian.net',
    });
  });
});
