import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import type { CoverView } from '../../../electron/common/model/cover.js';
import { CoverList } from '../../../renderer/features/schedule/cover-list.js';
import { CoverUnavailable } from '../../../renderer/features/schedule/cover-unavailable.js';
import { createAppStore } from '../../../renderer/store/app-store.js';
import { AppStoreProvider } from '../../../renderer/store/store-context.js';
import { anAppState } from '../../support/app-state.js';
import { fakeAudio, fakeBridge } from './fake-bridge.js';

const page = 'https://acme.pagerduty.example/schedules/PSCHV2A';

describe('the provider page in the window', () => {
  it('is a link beside the reason Onwatch cannot make cover', () => {
    const html = renderToStaticMarkup(
      createElement(CoverUnavailable, {
        reason: 'This PagerDuty key is read-only: add the override in PagerDuty.',
        providerPage: page,
        onDone: () => {},
      }),
    );
    expect(html).toContain('This PagerDuty key is read-only');
    expect(html).toContain(
      `<a href="${page}" target="_blank" rel="noopener noreferrer" title="${page}">Open this schedule at the provider</a>`,
    );
  });

  it('is left out when there is none, and never a link when it is not http(s)', () => {
    const none = renderToStaticMarkup(
      createElement(CoverUnavailable, { reason: 'No.', onDone: () => {} }),
    );
    expect(none).not.toContain('<a ');
    const odd = renderToStaticMarkup(
      createElement(CoverUnavailable, {
        reason: 'No.',
        providerPage: 'javascript:alert(1)',
        onDone: () => {},
      }),
    );
    expect(odd).not.toContain('<a ');
  });

  it('is a link on a cover the provider refused', async () => {
    const cover: CoverView = {
      id: 'c1',
      sourceId: 'pd',
      scheduleId: 'PSCHV2A',
      scheduleName: 'Checkout primary',
      start: '2026-12-03T10:00:00Z',
      end: '2026-12-03T12:00:00Z',
      coverUser: { id: 'PRAVI02', name: 'Ravi Patel' },
      forUser: { id: 'PJANE01', name: 'Jane Doe' },
      state: 'failed',
      error: 'PagerDuty refused the override',
      providerPage: page,
    };
    const state: AppState = anAppState();
    const store = createAppStore(fakeBridge(state).api, fakeAudio());
    const html = renderToStaticMarkup(
      createElement(AppStoreProvider, {
        store: { ...store, getInitialState: store.getState },
        children: createElement(CoverList, { covers: [cover], now: Date.parse(cover.start) - 1 }),
      }),
    );
    expect(html).toContain('PagerDuty refused the override');
    expect(html).toContain(`href="${page}"`);
    expect(html).toContain('Finish it at the provider');
  });
});
