import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const draft = {
  name: 'Slow responses on Checkout',
  status: 'investigating' as const,
  body: '',
  components: { cmpcheckout1: 'partial_outage' as const },
  deliverNotifications: true,
};

describe('status-page store actions', () => {
  it('opens a form on the Status page view, from whichever page asked', () => {
    const { api } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    store.getState().openStatusPageForm({ kind: 'declare', pagingIncidentKey: 'drill:checkout' });
    expect(store.getState().page).toBe('statuspage');
    expect(store.getState().statusPageForm).toEqual({
      kind: 'declare',
      pagingIncidentKey: 'drill:checkout',
    });
    store.getState().closeStatusPageForm();
    expect(store.getState().statusPageForm).toBeNull();
  });

  it('hands a declare to the main side and brings its refusal back to the form, draft untouched', async () => {
    const { api } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    const request = { statusPageId: 'acme', draft };
    await expect(store.getState().declareStatusPageIncident(request)).resolves.toEqual({
      ok: true,
      value: { writeId: 'w1' },
    });
    expect(api.declareStatusPageIncident).toHaveBeenCalledWith(request);

    const issues = [{ path: ['draft', 'name'], message: 'at most 255 characters' }];
    api.declareStatusPageIncident.mockRejectedValueOnce(
      new CommandError({ code: 'invalid-request', message: 'The draft needs fixing', issues }),
    );
    await expect(store.getState().declareStatusPageIncident(request)).resolves.toEqual({
      ok: false,
      error: 'The draft needs fixing',
      issues,
    });
  });

  it('sends the key to be stored only with the save, and says why a one-click resolve failed', async () => {
    const { api } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    const config = {
      kind: 'statuspage' as const,
      id: 'acme',
      name: 'Acme',
      pageId: 'acmepublic01',
      mappings: [],
      reminders: { resolveGraceMinutes: 10, declareAfterMinutes: 15 },
    };
    await store.getState().saveStatusPage('add', { config, apiKey: 'k-1' });
    expect(api.addStatusPage).toHaveBeenCalledWith({ config, apiKey: 'k-1' });
    expect(JSON.stringify(store.getState())).not.toContain('k-1');

    api.resolveStatusPageIncident.mockRejectedValueOnce(new Error('That incident is not open'));
    await store.getState().resolveStatusPageIncident({ statusPageId: 'acme', incidentId: 'i1' });
    expect(store.getState().commandError).toBe('That incident is not open');
  });
});
