/**
 * The one notification a storm of pages gets: how many, from where, how many are high urgency,
 * and the newest few titles, with Open and "Ack all mine".
 */
import type { Incident } from '../../common/model/incident.js';
import type { DesktopNotification } from '../ports/notifier.js';
import { openAction } from '../ports/notifier.js';
import { truncate } from '../../common/excerpt.js';
import { formatCount } from '../../common/count-format.js';

export interface SummaryMember {
  incident: Incident;
  level: 'normal' | 'critical';
}

/** Ours, like an incident key: showing it again replaces the summary in place. */
export const stormSummaryId = 'storm-summary';

export const ackAllAction = { id: 'ack-all', label: 'Ack all mine' };
const openButton = { id: openAction, label: 'Open' };

const titlesShown = 3;
const maxTitleChars = 80;

/** What "Ack all mine" acks: triggered pages assigned to me that the source can acknowledge. */
export const isMineToAck = (incident: Incident) =>
  incident.assignedToMe && incident.capabilities.ack && incident.status === 'triggered';

/** `members` in arrival order; the summary shows the newest titles first. */
export function stormSummary(
  members: readonly SummaryMember[],
  sourceName: (sourceId: string) => string | undefined,
): Omit<DesktopNotification, 'actions'> {
  const sources = new Set(members.map(({ incident }) => incident.sourceId));
  const [onlySource] = sources;
  const from =
    sources.size === 1
      ? (sourceName(onlySource!) ?? onlySource!)
      : `${formatCount(sources.size)} sources`;
  const high = members.filter(({ incident }) => incident.urgency === 'high').length;
  const count = formatCount(members.length);
  const pages = members.length === 1 ? 'new page' : 'new pages';
  const newest = members.slice(-titlesShown).reverse();
  const more = members.length - newest.length;
  const lines = newest.map(
    ({ incident }) =>
      `${incident.urgency === 'high' ? '▲' : '▽'} ${truncate(incident.title, maxTitleChars)}`,
  );
  if (more > 0) lines.push(`and ${formatCount(more)} more`);
  return {
    id: stormSummaryId,
    title: `${count} ${pages} from ${from}${high > 0 ? ` — ${formatCount(high)} high urgency` : ''}`,
    body: lines.join('\n'),
    urgency: members.some(({ level }) => level === 'critical') ? 'critical' : 'normal',
  };
}

/** Ack all is offered only when there is something of mine to ack. */
export function summaryActions(members: readonly SummaryMember[]) {
  return members.some(({ incident }) => isMineToAck(incident))
    ? [openButton, ackAllAction]
    : [openButton];
}
