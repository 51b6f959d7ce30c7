import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { StatusPageView } from '../../common/model/status-page-view.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import type { Log } from '../ports/log.js';

const linkSchema = z.object({
  pagingIncidentKey: z.string().min(1),
  pagingTitle: z.string(),
  statusPageId: z.string().min(1),
  pageId: z.string().min(1),
  incidentId: z.string().min(1),
  incidentName: z.string(),
  /** The status-page incident's status as last read. */
  status: z.string(),
  /** When Onwatch last saw the paging incident leave the open list; cleared if it returns. */
  pagingResolvedAt: z.number().optional(),
});
export type StatusPageLink = z.infer<typeof linkSchema>;

const fileSchema = z.object({ version: z.literal(1), links: z.array(linkSchema) });

const closedStatuses = new Set(['resolved', 'completed']);

/**
 * Which paging incident each status-page incident speaks for, kept on disk beside the same
 * link in the incident's `metadata.onwatch`, so either side finds the other after a restart,
 * and the reminders know when a page resolved while its status-page incident stayed open.
 */
export class StatusPageLinks {
  private constructor(
    private readonly path: string,
    private links: StatusPageLink[],
  ) {}

  /** Reads the links; a missing file is none, an unreadable one is reported and replaced. */
  static async open(path: string, log: Log): Promise<StatusPageLinks> {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    if (text === undefined) return new StatusPageLinks(path, []);
    const parsed = safeJson(text);
    const read = fileSchema.safeParse(parsed);
    if (!read.success) {
      log.warn(`status page links ${path}: unreadable, starting without them`);
      return new StatusPageLinks(path, []);
    }
    return new StatusPageLinks(path, read.data.links);
  }

  all(): readonly StatusPageLink[] {
    return this.links;
  }

  /** Records (or refreshes) the link a confirmed create made. */
  async link(link: Omit<StatusPageLink, 'pagingResolvedAt'>): Promise<void> {
    const others = this.links.filter((l) => !sameIncident(l, link));
    await this.replace([...others, link]);
  }

  /**
   * Brings the links up to date with a fresh read of a page: statuses and names of the open
   * incidents, links found in their metadata that were not on disk, and the incidents no
   * longer open marked resolved.
   */
  async noteView(view: StatusPageView): Promise<void> {
    const open = [...view.openIncidents, ...view.activeMaintenances];
    const next = this.links.map((link) => {
      if (link.statusPageId !== view.statusPageId || link.pageId !== view.pageId) return link;
      const seen = open.find((i) => i.id === link.incidentId);
      if (!seen) return closedStatuses.has(link.status) ? link : { ...link, status: 'resolved' };
      return { ...link, status: seen.status, incidentName: seen.name };
    });
    for (const incident of open) {
      const key = incident.pagingIncidentKey;
      if (!key || next.some((l) => l.pageId === view.pageId && l.incidentId === incident.id)) {
        continue;
      }
      next.push({
        pagingIncidentKey: key,
        pagingTitle: incident.name,
        statusPageId: view.statusPageId,
        pageId: view.pageId,
        incidentId: incident.id,
        incidentName: incident.name,
        status: incident.status,
      });
    }
    await this.replace(next);
  }

  /**
   * Notes which paging incidents are open now: a linked one that left the list resolved at
   * `now`, one that came back is open again. Links closed on both sides are forgotten.
   */
  async notePagingIncidents(openKeys: ReadonlySet<string>, now: number): Promise<void> {
    const next = this.links.flatMap((link): StatusPageLink[] => {
      const open = openKeys.has(link.pagingIncidentKey);
      if (!open && closedStatuses.has(link.status)) return [];
      if (open) {
        const { pagingResolvedAt: _gone, ...rest } = link;
        return [rest];
      }
      return [{ ...link, pagingResolvedAt: link.pagingResolvedAt ?? now }];
    });
    await this.replace(next);
  }

  private async replace(next: StatusPageLink[]): Promise<void> {
    if (JSON.stringify(next) === JSON.stringify(this.links)) return;
    await writeFileAtomically(this.path, `${JSON.stringify({ version: 1, links: next })}\n`);
    this.links = next;
  }
}

function sameIncident(a: StatusPageLink, b: Pick<StatusPageLink, 'pageId' | 'incidentId'>) {
  return a.pageId === b.pageId && a.incidentId === b.incidentId;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
