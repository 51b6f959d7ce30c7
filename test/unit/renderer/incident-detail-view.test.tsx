import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import { DetailTitle, titleIsLong } from '../../../renderer/features/incidents/detail-title.js';
import { BlindSourceBanners } from '../../../renderer/features/notices/blind-source-banner.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { AppStoreProvider } from '../../../renderer/store/store-context.js';
import { anAppState } from '../../support/app-state.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function render(state: AppState, element: ReactElement): Promise<string> {
  const store = createAppStore(fakeBridge(state).api, fakeAudio());
  const stop = store.getState().start();
  await flush();
  const now = { ...store, getInitialState: store.getState };
  const html = renderToStaticMarkup(
    createElement(AppStoreProvider, { store: now, children: element }),
  );
  stop();
  return html;
}

describe('the detail title', () => {
  it('clamps a 100 kB summary to a few lines and offers to show it all', () => {
    const huge = 'Disk full '.repeat(10_000);
    expect(titleIsLong(huge)).toBe(true);
    const html = renderToStaticMarkup(createElement(DetailTitle, { title: huge }));
    expect(html).toContain('class="detail-title is-clamped"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('>Show all</button>');
  });

  it('leaves a short title alone', () => {
    const html = renderToStaticMarkup(createElement(DetailTitle, { title: 'Disk full on db-1' }));
    expect(html).not.toContain('is-clamped');
    expect(html).not.toContain('Show all');
  });
});

describe('the blind source banner', () => {
  it('names each blind source with its reason and a Retry, and says nothing while all are seen', async () => {
    const base = anAppState();
    const blind = {
      id: 'prod-am',
      name: 'Prod Alertmanager',
      kind: 'alertmanager',
      health: 'blind' as const,
      lastError: 'nothing is listening at 127.0.0.1:47',
      consecutiveFailures: 3,
      polling: false,
    };
    const html = await render(
      { ...base, sources: [blind, { ...blind, id: 'ok', name: 'Fine', health: 'ok' }] },
      createElement(BlindSourceBanners),
    );
    expect(html).toContain('Onwatch cannot see Prod Alertmanager');
    expect(html).toContain('nothing is listening at 127.0.0.1:47');
    expect(html).toContain('>Retry</button>');
    expect(html).not.toContain('Fine');
    expect(await render(base, createElement(BlindSourceBanners))).toBe('');
  });
});
