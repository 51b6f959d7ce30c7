import { describe, expect, it } from 'vitest';
import type { ConnectedStatusPage } from '../../../electron/common/contract/status-page-state.js';
import {
  defaultPageId,
  fromLocalInput,
  postablePages,
  toLocalInput,
} from '../../../renderer/features/status-page/form-defaults.js';
import { anIncident } from '../../support/incidents.js';

function aPage(
  id: string,
  options: { practice?: boolean; read?: boolean; mapsApi?: boolean } = {},
) {
  const page: ConnectedStatusPage = {
    id,
    name: id,
    practice: options.practice ?? false,
    health: 'ok',
    mappings: options.mapsApi ? [{ componentIds: [`${id}-api`], service: 'api' }] : [],
  };
  if (options.read === false) return page;
  return {
    ...page,
    view: {
      statusPageId: id,
      pageId: id,
      pageName: id,
      practice: page.practice,
      catalog: {
        components: [{ id: `${id}-api`, name: 'API', status: 'operational' as const }],
        groups: [],
      },
      templates: [],
      openIncidents: [],
      activeMaintenances: [],
      upcomingMaintenances: [],
      skipped: 0,
      readAt: '2026-11-22T09:00:00.000Z',
    },
  };
}

describe('status-page form defaults', () => {
  it('offers pages read at least once, real ones before the practice page', () => {
    const pages = [
      aPage('practice', { practice: true }),
      aPage('unread', { read: false }),
      aPage('acme'),
    ];
    expect(postablePages(pages).map((p) => p.id)).toEqual(['acme', 'practice']);
  });

  it('opens on the page asked for, else the one whose rules map the incident, else the first', () => {
    const pages = [aPage('internal'), aPage('public', { mapsApi: true })];
    const incident = anIncident({ service: 'api' });
    expect(defaultPageId(pages, incident, 'internal')).toBe('internal');
    expect(defaultPageId(pages, incident)).toBe('public');
    expect(defaultPageId(pages, undefined)).toBe('internal');
    expect(defaultPageId([], incident)).toBeUndefined();
  });

  it('turns datetime-local values into instants and back', () => {
    const iso = fromLocalInput('2026-12-10T09:30')!;
    expect(toLocalInput(iso)).toBe('2026-12-10T09:30');
    expect(fromLocalInput('2026-12-')).toBeUndefined();
  });
});
