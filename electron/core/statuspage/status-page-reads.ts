import type { ConnectedStatusPage } from '../../common/contract/status-page-state.js';
import type { StatusPageView } from '../../common/model/status-page-view.js';
import { withTimeout } from '../engine/with-timeout.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { toSourceError } from '../sources/source-error.js';
import { readStatusPage } from './status-page-reader.js';
import type { StatuspageApi } from './statuspage-api.js';

/**
 * How often a page is read again: slowly, since a read is six calls of a one-per-second
 * budget; faster while one of its incidents speaks for a paging incident, whose reminder
 * needs to know when the status page closes it (STATUSPAGE.md: at most once a minute).
 */
const statusPageReadIntervals = { idleMs: 2 * 60_000, linkedMs: 60_000 } as const;

/** A read waits for the key's budget behind writes; this bounds the whole of it. */
const readTimeoutMs = 60_000;

/** A page to read: the configured status page and Statuspage's id of the page. */
export interface PageToRead {
  id: string;
  name: string;
  practice: boolean;
  pageId: string;
}

interface PageRead extends PageToRead {
  practice: boolean;
  health: ConnectedStatusPage['health'];
  error?: string;
  view?: StatusPageView;
  reading: boolean;
  /** Asked to read again while a read was under way. */
  again: boolean;
  timer?: TimerHandle;
}

export interface StatusPageReadsOptions {
  clock: Clock;
  log: Log;
  apiFor(id: string): StatuspageApi | undefined;
  /** Why a page has no API right now, for the view. */
  problemOf(id: string): string | undefined;
  /** Whether any incident of this page speaks for a paging incident not closed yet. */
  hasOpenLinks(id: string): boolean;
  /** A fresh view arrived (links and reminders follow it). */
  onView(view: StatusPageView): Promise<void>;
  onChange(): void;
  intervals?: { idleMs: number; linkedMs: number };
}

/**
 * Each connected page read on a slow schedule, one read at a time per page, the last good view
 * kept when a read fails (the view then says why it may be stale).
 */
export class StatusPageReads {
  private readonly pages = new Map<string, PageRead>();
  private stopped = false;

  constructor(private readonly options: StatusPageReadsOptions) {}

  /** The pages to read, in the settings' order; returns the ids new here, for a first read. */
  setPages(pages: readonly PageToRead[]): string[] {
    const added = pages.filter((p) => !this.pages.has(p.id)).map((p) => p.id);
    const wanted = new Set(pages.map((p) => p.id));
    for (const [id, page] of this.pages) {
      if (wanted.has(id)) continue;
      if (page.timer) this.options.clock.clearTimeout(page.timer);
      this.pages.delete(id);
    }
    const ordered = new Map<string, PageRead>();
    for (const wantedPage of pages) {
      const page: PageRead = this.pages.get(wantedPage.id) ?? {
        ...wantedPage,
        health: 'reading',
        reading: false,
        again: false,
      };
      Object.assign(page, wantedPage);
      ordered.set(page.id, page);
    }
    this.pages.clear();
    for (const [id, page] of ordered) this.pages.set(id, page);
    this.options.onChange();
    return added;
  }

  /** Reads the page now (every page without an id); resolves once the read is done. */
  async refresh(id?: string): Promise<void> {
    const targets = id ? [this.pages.get(id)].filter((p) => p !== undefined) : this.pages.values();
    await Promise.all([...targets].map((page) => this.read(page)));
  }

  view(id: string): StatusPageView | undefined {
    return this.pages.get(id)?.view;
  }

  list(): Omit<ConnectedStatusPage, 'mappings'>[] {
    return [...this.pages.values()].map((page) => ({
      id: page.id,
      name: page.name,
      practice: page.practice,
      health: page.health,
      ...(page.error ? { error: page.error } : {}),
      ...(page.view ? { view: page.view } : {}),
    }));
  }

  stop(): void {
    this.stopped = true;
    for (const page of this.pages.values()) {
      if (page.timer) this.options.clock.clearTimeout(page.timer);
    }
    this.pages.clear();
  }

  private async read(page: PageRead): Promise<void> {
    if (page.reading) {
      page.again = true;
      return;
    }
    const { clock, log, apiFor, problemOf, onView, onChange } = this.options;
    if (page.timer) clock.clearTimeout(page.timer);
    page.timer = undefined;
    page.reading = true;
    try {
      const api = apiFor(page.id);
      if (!api) throw new Error(problemOf(page.id) ?? 'This status page is not connected.');
      const target = { statusPageId: page.id, pageId: page.pageId };
      const view = await withTimeout(clock, readTimeoutMs, (signal) =>
        readStatusPage(api, target, signal, clock.now()),
      );
      if (!this.pages.has(page.id)) return;
      page.view = view;
      page.health = 'ok';
      page.error = undefined;
      await onView(view);
    } catch (error) {
      const message = toSourceError(error).message;
      log.warn(`status page ${page.id}: read failed: ${message}`);
      page.health = 'failed';
      page.error = message;
    } finally {
      page.reading = false;
      onChange();
      if (page.again) {
        page.again = false;
        void this.read(page);
      } else {
        this.schedule(page);
      }
    }
  }

  private schedule(page: PageRead): void {
    if (this.stopped || !this.pages.has(page.id)) return;
    const { idleMs, linkedMs } = this.options.intervals ?? statusPageReadIntervals;
    const delay = this.options.hasOpenLinks(page.id) ? linkedMs : idleMs;
    page.timer = this.options.clock.setTimeout(() => void this.read(page), delay);
  }
}
