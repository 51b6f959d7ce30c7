import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import { IncidentRow } from '../../../renderer/features/incidents/incident-row.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { AppStoreProvider } from '../../../renderer/store/store-context.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';
import { appState, incident } from './fixtures.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const mine = incident({ externalId: 'm', assignedToMe: true });
const danas = incident({ externalId: 'd', assignees: ['Dana Lee'] });

/** The row as the window renders it, from a store that has received `state`. */
async function rowOf(state: AppState, key: string): Promise<string> {
  const store = createAppStore(fakeBridge(state).api, fakeAudio());
  const stop = store.getState().start();
  await flush();
  const shown = state.incidents.find((i) => i.key === key)!;
  const row = createElement(IncidentRow, {
    incident: shown,
    active: false,
    checked: false,
    now: 0,
  });
  // Rendering to markup reads a store's initial state; have it read the state it has now.
  const now = { ...store, getInitialState: store.getState };
  const html = renderToStaticMarkup(createElement(AppStoreProvider, { store: now, children: row }));
  stop();
  return html;
}

describe('an incident row', () => {
  const state = appState({
    incidents: [mine, danas],
    attention: {
      ...appState().attention,
      ring: {
        [mine.key]: { rings: true, reason: 'Rings: assigned to you' },
        [danas.key]: {
          rings: false,
          reason: 'Quiet: assigned to Dana Lee — this source rings for your pages only',
        },
      },
    },
  });

  it('says why a page rings', async () => {
    const html = await rowOf(state, mine.key);
    expect(html).toContain('data-rings="true"');
    expect(html).toContain('>Rings: assigned to you</span>');
  });

  it('says why someone else’s page is listed quietly', async () => {
    const html = await rowOf(state, danas.key);
    expect(html).toContain('data-rings="false"');
    expect(html).toContain(
      '>Quiet: assigned to Dana Lee — this source rings for your pages only</span>',
    );
  });

  it('says nothing of ringing for a page no one is waiting on', async () => {
    const acked = incident({ externalId: 'a', status: 'acknowledged' });
    const html = await rowOf(appState({ incidents: [acked] }), acked.key);
    expect(html).not.toContain('row-ring');
  });
});
