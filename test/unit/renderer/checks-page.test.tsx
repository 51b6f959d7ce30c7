import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CheckView } from '../../../electron/common/contract/checks-state.js';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import { healthCheckSchema } from '../../../electron/common/providers/health-check-schema.js';
import {
  phaseSegments,
  phaseSentence,
  sortChecks,
  sparkPoints,
  sparkSentence,
} from '../../../renderer/features/checks/check-display.js';
import { checkOf, fieldsOf } from '../../../renderer/features/checks/check-form-model.js';
import { CheckRow } from '../../../renderer/features/checks/check-row.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { AppStoreProvider } from '../../../renderer/store/store-context.js';
import { anAppState } from '../../support/app-state.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const aCheck = (overrides: Partial<CheckView> = {}): CheckView => ({
  sourceId: 'local-checks',
  sourceKind: 'health-checks',
  checkId: 'shop-api',
  name: 'Shop API',
  type: 'http',
  target: 'http://127.0.0.1:8080/health',
  state: 'down',
  last: {
    at: '2026-11-22T09:59:50.000Z',
    ok: false,
    summary: 'nothing is listening at 127.0.0.1:8080 (connection refused)',
    failedPhase: 'connect',
    phases: { connect: 0.4, total: 0.6 },
  },
  canRunNow: true,
  ...overrides,
});

describe('the phase bar', () => {
  it('gives each phase the probe reached its share of the total, in connection order', () => {
    expect(phaseSegments({ ttfb: 30, dns: 10, connect: 10, total: 100 })).toEqual([
      { phase: 'dns', ms: 10, percent: 10 },
      { phase: 'connect', ms: 10, percent: 10 },
      { phase: 'ttfb', ms: 30, percent: 30 },
    ]);
    expect(phaseSentence({ dns: 1.25, connect: 2, tls: 1500, total: 1503.25 })).toBe(
      'DNS 1.3 ms, connect 2 ms, TLS 1.5 s, total 1.5 s',
    );
  });

  it('splits evenly when every phase took no measurable time', () => {
    expect(phaseSegments({ dns: 0, connect: 0, total: 0 }).map((s) => s.percent)).toEqual([50, 50]);
  });
});

describe('the sparkline', () => {
  it('draws runs of probed buckets, breaking at gaps, slowest at the top', () => {
    const runs = sparkPoints(
      [{ ms: 10, failed: false }, { ms: 20, failed: true }, null, { ms: 5, failed: false }],
      30,
      22,
    );
    expect(runs).toEqual([
      [
        { x: 0, y: 11, failed: false },
        { x: 10, y: 1, failed: true },
      ],
      [{ x: 30, y: 16, failed: false }],
    ]);
    expect(sparkSentence([{ ms: 10, failed: false }, { ms: 20, failed: true }, null])).toBe(
      'Last hour: slowest 20 ms, failures in 1 of 2 slots',
    );
    expect(sparkSentence([null, null])).toBe('No probes in the last hour');
  });
});

describe('the Checks page', () => {
  it('lists failing checks first', () => {
    const names = sortChecks([
      aCheck({ name: 'B', state: 'up' }),
      aCheck({ name: 'A', state: 'paused' }),
      aCheck({ name: 'C', state: 'down' }),
      aCheck({ name: 'D', state: 'pending' }),
    ]).map((check) => check.name);
    expect(names).toEqual(['C', 'D', 'B', 'A']);
  });

  it('shows a failing check’s verdict, where it failed, and what can be done to it', () => {
    const store = createAppStore(fakeBridge(anAppState()).api, fakeAudio());
    const check = aCheck({
      incidentKey: 'local-checks:shop-api:1',
      config: healthCheckSchema.parse({ kind: 'http', name: 'Shop API', url: 'http://a.test' }),
    });
    const html = renderToStaticMarkup(
      createElement(AppStoreProvider, {
        store: { ...store, getInitialState: store.getState },
        children: createElement(
          'table',
          null,
          createElement(
            'tbody',
            null,
            createElement(CheckRow, {
              check,
              now: Date.parse('2026-11-22T10:00:00Z'),
              onEdit() {},
            }),
          ),
        ),
      }),
    );
    expect(html).toContain('data-state="down"');
    expect(html).toContain('>Down<');
    expect(html).toContain('failed in connect');
    expect(html).toContain('aria-label="connect 0.4 ms, total 0.6 ms; failed in connect"');
    for (const label of ['Run now: Shop API', 'Open the incident of Shop API', 'Edit Shop API'])
      expect(html).toContain(`aria-label="${label}"`);
  });

  it('offers no edit or remove for a monitor’s check, nor Run now where none can run', () => {
    const store = createAppStore(fakeBridge(anAppState()).api, fakeAudio());
    const check = aCheck({ sourceKind: 'pingdom', canRunNow: false, last: undefined });
    const html = renderToStaticMarkup(
      createElement(AppStoreProvider, {
        store: { ...store, getInitialState: store.getState },
        children: createElement(
          'table',
          null,
          createElement('tbody', null, createElement(CheckRow, { check, now: 0, onEdit() {} })),
        ),
      }),
    );
    expect(html).toContain('local-checks · http'); // no such source in the state: its id
    expect(html).not.toContain('Run now');
    expect(html).not.toContain('Edit');
    expect(html).not.toContain('Remove');
  });
});

describe('the check form', () => {
  it('keeps the settings it does not show when a check is edited', () => {
    const saved = healthCheckSchema.parse({
      kind: 'http',
      name: 'Shop API',
      url: 'http://a.test/health',
      headers: { authorization: 'Bearer x' },
      json: { path: 'status', equals: 'ok' },
    });
    const fields = { ...fieldsOf(saved), url: 'http://b.test/health', expectStatus: '200, 3xx' };
    expect(checkOf(fields, saved)).toMatchObject({
      kind: 'http',
      url: 'http://b.test/health',
      expectStatus: [200, '3xx'],
      headers: { authorization: 'Bearer x' },
      json: { path: 'status', equals: 'ok' },
    });
  });

  it('starts afresh when the kind changes, and leaves typed nonsense for the main side to refuse', () => {
    const saved = healthCheckSchema.parse({ kind: 'http', name: 'X', url: 'http://a.test' });
    const check = checkOf({ ...fieldsOf(saved), kind: 'tcp', host: 'db', port: 'five' }, saved);
    expect(check).toEqual({
      kind: 'tcp',
      name: 'X',
      host: 'db',
      port: 'five',
      intervalSeconds: 30,
      timeoutSeconds: 10,
      urgency: 'high',
    });
    expect(healthCheckSchema.safeParse(check).success).toBe(false);
  });

  it('passes the main side’s refusal to the form, field by field', async () => {
    const { api } = fakeBridge();
    const message = 'check names must differ';
    api.saveCheck.mockRejectedValueOnce(
      new CommandError({
        code: 'invalid-request',
        message,
        issues: [{ path: ['check', 'name'], message }],
      }),
    );
    const store = createAppStore(api, fakeAudio());
    const check = { kind: 'tcp' as const, name: 'A', host: 'db', port: 5432 };
    await expect(store.getState().saveCheck({ check })).resolves.toEqual({
      ok: false,
      error: message,
      issues: [{ path: ['check', 'name'], message }],
    });
    await expect(store.getState().runCheck('local-checks', 'a')).resolves.toEqual({
      ok: true,
      value: { ok: true, summary: 'HTTP 200' },
    });
    expect(api.runCheck).toHaveBeenCalledWith({ sourceId: 'local-checks', checkId: 'a' });
  });
});
