import { describe, expect, it } from 'vitest';
import type { CommandResponse } from '../../../electron/common/contract/ipc-contract.js';
import { emptyProgress } from '../../../electron/common/model/runbook-progress.js';
import type { RunbookCandidate } from '../../../electron/common/model/runbook.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const candidate = (runbookId: string): RunbookCandidate => ({
  runbookId,
  title: `Runbook ${runbookId}`,
  path: `/rb/${runbookId}.md`,
  via: 'match-rule',
  rule: 'alertname="Disk"',
});

const rendered = (id: string): CommandResponse<'renderRunbook'> => ({
  runbook: {
    id,
    title: `Runbook ${id}`,
    path: `/rb/${id}.md`,
    origin: 'user',
    segments: [{ kind: 'step', step: 0 }],
    steps: [
      {
        name: 'wipe',
        language: 'sh',
        line: 9,
        template: 'rm -rf {{labels.dir}}',
        command: "rm -rf '/var/tmp/x'",
        blockedBy: [],
        danger: ['rm -rf'],
        inRunAll: false,
        checklist: [],
      },
    ],
    values: {},
    env: {},
    requires: [],
    transcript: 'ask',
  },
  progress: emptyProgress(),
  missingTools: [],
});

function setup() {
  const bridge = fakeBridge();
  const store = createAppStore(bridge.api, fakeAudio());
  const stop = store.getState().start();
  bridge.api.renderRunbook.mockImplementation(async ({ runbookId }) => rendered(runbookId));
  return { ...bridge, store, stop };
}

describe('the runbook panel’s store', () => {
  it('opens the one runbook that answers, and offers a choice between equals', async () => {
    const { api, store } = setup();
    api.matchRunbooks.mockResolvedValueOnce({ candidates: [candidate('disk')] });
    await store.getState().showRunbookFor('am:1');
    expect(store.getState().runbookPanel).toMatchObject({ status: 'open', key: 'am:1' });

    api.matchRunbooks.mockResolvedValue({ candidates: [candidate('a'), candidate('b')] });
    await store.getState().showRunbookFor('am:2');
    expect(store.getState().runbookPanel.status).toBe('choose');
    await store.getState().chooseRunbook('b');
    expect(store.getState().runbookPanel).toMatchObject({
      status: 'open',
      chosen: { runbookId: 'b' },
    });
    // The choice stays with the incident.
    await store.getState().showRunbookFor('am:2');
    expect(store.getState().runbookPanel).toMatchObject({ chosen: { runbookId: 'b' } });
  });

  it('says so when nothing answers, with the alert’s own link', async () => {
    const { api, store } = setup();
    api.matchRunbooks.mockResolvedValueOnce({ candidates: [], runbookUrl: 'https://wiki/rb' });
    await store.getState().showRunbookFor('am:1');
    expect(store.getState().runbookPanel).toMatchObject({
      status: 'none',
      match: { runbookUrl: 'https://wiki/rb' },
    });
  });

  it('ignores an answer for an incident no longer selected', async () => {
    const { api, store } = setup();
    let answer!: (match: { candidates: RunbookCandidate[] }) => void;
    api.matchRunbooks.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    const first = store.getState().showRunbookFor('am:1');
    api.matchRunbooks.mockResolvedValueOnce({ candidates: [] });
    await store.getState().showRunbookFor('am:2');
    answer({ candidates: [candidate('disk')] });
    await first;
    expect(store.getState().runbookPanel).toMatchObject({ status: 'none', key: 'am:2' });
  });

  it('runs a step in the incident’s terminal, confirmed as the dialog was, and follows progress', async () => {
    const { api, store, viewerEvents } = setup();
    api.matchRunbooks.mockResolvedValueOnce({ candidates: [candidate('disk')] });
    await store.getState().showRunbookFor('am:1');
    await expect(store.getState().runStep('wipe', { typed: '/var/tmp/x' })).resolves.toBe(true);
    expect(api.terminalOpen).toHaveBeenCalledWith({ incidentKey: 'am:1', cols: 80, rows: 24 });
    expect(api.terminalRunStep).toHaveBeenCalledWith({
      id: 't1',
      key: 'am:1',
      runbookId: 'disk',
      step: 'wipe',
      confirmed: true,
      typed: '/var/tmp/x',
    });
    expect(store.getState().terminalTab).toBe('incident');

    const progress = { ...emptyProgress(), ticked: ['wipe/x'] };
    viewerEvents.runbookProgress.emit({ key: 'am:1', runbookId: 'other', progress });
    expect(store.getState().runbookPanel).toMatchObject({ view: { progress: { ticked: [] } } });
    viewerEvents.runbookProgress.emit({ key: 'am:1', runbookId: 'disk', progress });
    expect(store.getState().runbookPanel).toMatchObject({
      view: { progress: { ticked: ['wipe/x'] } },
    });
  });

  it('shows why a step was refused', async () => {
    const { api, store } = setup();
    api.matchRunbooks.mockResolvedValueOnce({ candidates: [candidate('disk')] });
    await store.getState().showRunbookFor('am:1');
    api.terminalRunStep.mockRejectedValueOnce(new Error('“wipe” is dangerous: confirm it first.'));
    await expect(store.getState().runStep('wipe')).resolves.toBe(false);
    expect(store.getState().runbookError).toBe('“wipe” is dangerous: confirm it first.');
  });
});
