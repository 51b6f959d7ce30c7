import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusPageView } from '../../../../electron/common/model/status-page-view.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import { StatusPageLinks } from '../../../../electron/core/statuspage/status-page-links.js';
import { makeTempDir } from '../../../support/temp-dir.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function linksFile() {
  const dir = await makeTempDir();
  cleanups.push(dir.remove);
  const warnings: string[] = [];
  const log: Log = { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  return { path: join(dir.path, 'statuspage-links.json'), log, warnings };
}

const link = {
  pagingIncidentKey: 'pd:PINC001',
  pagingTitle: 'Checkout latency',
  statusPageId: 'acme',
  pageId: 'page1',
  incidentId: 'sp1',
  incidentName: 'Slow responses on Checkout',
  status: 'investigating',
};

const view = (openIncidents: StatusPageView['openIncidents']): StatusPageView => ({
  statusPageId: 'acme',
  pageId: 'page1',
  pageName: 'Acme Status',
  practice: false,
  catalog: { components: [], groups: [] },
  templates: [],
  openIncidents,
  activeMaintenances: [],
  upcomingMaintenances: [],
  skipped: 0,
  readAt: '2026-11-22T09:00:00.000Z',
});

describe('StatusPageLinks', () => {
  it('keeps links across a restart', async () => {
    const { path, log } = await linksFile();
    const first = await StatusPageLinks.open(path, log);
    await first.link(link);
    const second = await StatusPageLinks.open(path, log);
    expect(second.all()).toEqual([link]);
  });

  it('notes when a linked page left the open list, and forgets it if it came back', async () => {
    const { path, log } = await linksFile();
    const links = await StatusPageLinks.open(path, log);
    await links.link(link);
    await links.notePagingIncidents(new Set(['pd:OTHER']), 1_000);
    await links.notePagingIncidents(new Set(), 5_000);
    expect(links.all()).toEqual([{ ...link, pagingResolvedAt: 1_000 }]);
    await links.notePagingIncidents(new Set(['pd:PINC001']), 9_000);
    expect(links.all()).toEqual([link]);
  });

  it("follows the status-page incident's status, and forgets links closed on both sides", async () => {
    const { path, log } = await linksFile();
    const links = await StatusPageLinks.open(path, log);
    await links.link(link);
    const open = {
      id: 'sp1',
      name: 'Checkout is slow',
      status: 'monitoring',
      createdAt: '2026-11-22T09:00:00.000Z',
      components: [],
    };
    await links.noteView(view([open]));
    expect(links.all()).toEqual([
      { ...link, status: 'monitoring', incidentName: 'Checkout is slow' },
    ]);
    await links.noteView(view([]));
    expect(links.all()[0]!.status).toBe('resolved');
    await links.notePagingIncidents(new Set(), 1_000);
    expect(links.all()).toEqual([]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, links: [] });
  });

  it('finds links from metadata that were never on disk (another machine, a lost file)', async () => {
    const { path, log } = await linksFile();
    const links = await StatusPageLinks.open(path, log);
    await links.noteView(
      view([
        {
          id: 'sp9',
          name: 'Elevated errors',
          status: 'identified',
          createdAt: '2026-11-22T09:00:00.000Z',
          components: [],
          pagingIncidentKey: 'am:abc',
        },
      ]),
    );
    expect(links.all()).toMatchObject([
      { pagingIncidentKey: 'am:abc', incidentId: 'sp9', status: 'identified' },
    ]);
  });

  it('starts without links, and says so, when the file is unreadable', async () => {
    const { path, log, warnings } = await linksFile();
    await writeFile(path, '{"version":1,"links":[{"pagingIncidentKey":');
    const links = await StatusPageLinks.open(path, log);
    expect(links.all()).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/unreadable, starting without them/)]);
  });
});
