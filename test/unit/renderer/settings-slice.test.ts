import { describe, expect, it } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const request = {
  config: { kind: 'pagerduty' as const, id: 'pd', name: 'PD', email: 'not-an-email' },
  secrets: { token: 'super-secret-token' },
};

describe('settings outcomes', () => {
  it('carry the main side’s field issues as data', async () => {
    const { api } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    const issues = [
      { path: ['config', 'email'], message: 'the email of your PagerDuty user' },
      { path: ['secrets', 'token'], message: 'Too small' },
    ];
    api.addSource.mockRejectedValueOnce(
      new CommandError({ code: 'invalid-request', message: 'invalid addSource request', issues }),
    );
    await expect(store.getState().saveSource('add', request)).resolves.toEqual({
      ok: false,
      error: 'invalid addSource request',
      issues,
    });
  });

  it('carry a refusal without issues as its message alone', async () => {
    const { api } = fakeBridge();
    const store = createAppStore(api, fakeAudio());
    const taken = 'A source with the id "pd" already exists; choose another name.';
    api.testSource.mockRejectedValueOnce(new CommandError({ code: 'failed', message: taken }));
    api.editSource.mockRejectedValueOnce(new Error('connection lost'));
    await expect(store.getState().testSource(request)).resolves.toEqual({
      ok: false,
      error: taken,
    });
    await expect(store.getState().saveSource('edit', request)).resolves.toEqual({
      ok: false,
      error: 'connection lost',
    });
  });
});
