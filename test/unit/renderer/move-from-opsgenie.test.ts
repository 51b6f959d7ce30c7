import { describe, expect, it } from 'vitest';
import { sourceConfigSchema } from '../../../electron/common/model/source-config.js';
import type { OpsgenieSourceConfig } from '../../../electron/common/model/source-config.js';
import { sourceMove } from '../../../electron/common/providers/opsgenie-to-jsm.js';
import {
  formValuesForMove,
  validateSourceForm,
} from '../../../renderer/features/settings/source-form-model.js';

const prefilled = (config: OpsgenieSourceConfig) => formValuesForMove(sourceMove(config)!);

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
  it('is offered for Opsgenie only, with the day its API ends', () => {
    expect(sourceMove(opsgenie)).toMatchObject({ endsOn: '2027-04-05', to: { kind: 'jsm-ops' } });
    const drill = sourceConfigSchema.parse({ kind: 'drill', id: 'drill', name: 'Drill' });
    expect(sourceMove(drill)).toBeUndefined();
  });

  it('prefills a JSM form with what the Opsgenie source already says', () => {
    const { config, secrets } = prefilled(opsgenie);
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
    const { config } = prefilled({ ...opsgenie, ringFor: 'my-teams' });
    expect(config.ringFor).toBe('everything');
  });

  it('asks only for the site and the API token before it can be saved', () => {
    const context = { idFor: () => 'og-jsm', stored: undefined };
    const empty = validateSourceForm(prefilled(opsgenie), context);
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(Object.keys(empty.errors.config ?? {})).toEqual(['siteUrl']);
      expect(Object.keys(empty.errors.secrets ?? {})).toEqual(['token']);
    }
    const filled = prefilled(opsgenie);
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
