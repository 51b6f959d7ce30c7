import type { Incident } from '../../../electron/common/model/incident.js';
import type { GroupBy } from './console-filters.js';

/**
 * Alerts of one source that belong together, as karma collapses them: one of the provider's own
 * groups (Alertmanager's `group_by`), or else those fired by the same rule (the same alertname).
 * The labels all of them share are shown once, each alert shows only the labels that tell it apart.
 */
export type SiblingInfo = {
  setId: string;
  size: number;
  /** The first of the set in list order; a collapsed set shows only this row. */
  isLead: boolean;
  expanded: boolean;
  shared: Record<string, string>;
  distinct: Record<string, string>;
  /** Every key of the set, for acting on a collapsed set as a whole. */
  keys: string[];
};

type StatusCounts = { triggered: number; acknowledged: number };

export type ListRow =
  | {
      kind: 'header';
      id: string;
      label: string;
      counts: StatusCounts;
      /** Triggered incidents of the group, which Ack group acknowledges. */
      triggeredKeys: string[];
    }
  | {
      kind: 'incident';
      id: string;
      incident: Incident;
      /** The header row's id, or '' when the list is not grouped. */
      groupId: string;
      siblings?: SiblingInfo;
    };

export type GroupingContext = {
  groupBy: GroupBy;
  /** The label whose alerts are siblings for this source (see ProviderDescriptor), if any. */
  siblingLabel: (sourceId: string) => string | undefined;
  sourceName: (sourceId: string) => string;
  /** Sibling sets the responder opened. */
  expanded: ReadonlySet<string>;
};

function groupOf(incident: Incident, context: GroupingContext): string {
  switch (context.groupBy) {
    case 'status':
      return incident.status === 'triggered' ? 'Triggered' : 'Acknowledged';
    case 'service':
      return incident.service ?? 'No service';
    case 'alertname':
      return incident.labels.alertname ?? 'No alertname';
    case 'source':
      return context.sourceName(incident.sourceId);
    case 'none':
      return '';
  }
}

/** The provider's own group when it has one (Alertmanager's `group_by`), else the rule's alerts. */
function siblingSetOf(incident: Incident, context: GroupingContext): string | null {
  if (incident.group) return `${incident.sourceId}\u0000group\u0000${incident.group.id}`;
  const label = context.siblingLabel(incident.sourceId);
  const rule = label === undefined ? undefined : incident.labels[label];
  return rule === undefined ? null : `${incident.sourceId}\u0000${rule}`;
}

/** The labels every member has with the same value. */
function sharedLabels(members: readonly Incident[]): Record<string, string> {
  const [first, ...rest] = members;
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(first!.labels)) {
    if (rest.every((member) => member.labels[name] === value)) shared[name] = value;
  }
  return shared;
}

function distinctLabels(incident: Incident, shared: Record<string, string>) {
  return Object.fromEntries(Object.entries(incident.labels).filter(([name]) => !(name in shared)));
}

/** A group's rows: sibling sets of two or more kept together at their first member's place. */
function groupRows(members: readonly Incident[], context: GroupingContext, groupId: string) {
  // Worked out once per incident: a storm's list is rebuilt on every change that reaches it.
  const setIds = members.map((incident) => siblingSetOf(incident, context));
  const sets = new Map<string, Incident[]>();
  for (const [index, incident] of members.entries()) {
    const setId = setIds[index]!;
    if (setId === null) continue;
    const set = sets.get(setId);
    if (set) set.push(incident);
    else sets.set(setId, [incident]);
  }
  const rows: ListRow[] = [];
  const placed = new Set<string>();
  for (const [index, incident] of members.entries()) {
    const setId = setIds[index]!;
    const set = setId === null ? undefined : sets.get(setId);
    if (!set || set.length < 2) {
      rows.push({ kind: 'incident', id: incident.key, incident, groupId });
      continue;
    }
    if (placed.has(setId!)) continue;
    placed.add(setId!);
    // Scoped by group, so one alertname under two statuses is two sets.
    const id = `${groupId}\u0000${setId}`;
    const shared = sharedLabels(set);
    const expanded = context.expanded.has(id);
    const keys = set.map((member) => member.key);
    for (const [index, member] of set.entries()) {
      if (index > 0 && !expanded) break;
      rows.push({
        kind: 'incident',
        id: member.key,
        incident: member,
        groupId,
        siblings: {
          setId: id,
          size: set.length,
          isLead: index === 0,
          expanded,
          shared,
          distinct: distinctLabels(member, shared),
          keys,
        },
      });
    }
  }
  return rows;
}

function countStatuses(members: readonly Incident[]): StatusCounts {
  let triggered = 0;
  for (const member of members) if (member.status === 'triggered') triggered++;
  return { triggered, acknowledged: members.length - triggered };
}

/** The list as rows to virtualize: group headers, then each group's incidents in list order. */
export function listRows(incidents: readonly Incident[], context: GroupingContext): ListRow[] {
  if (context.groupBy === 'none') return groupRows(incidents, context, '');
  // Groups in order of their first incident, so the group holding the most urgent page leads.
  const groups = new Map<string, Incident[]>();
  for (const incident of incidents) {
    const label = groupOf(incident, context);
    const members = groups.get(label);
    if (members) members.push(incident);
    else groups.set(label, [incident]);
  }
  const rows: ListRow[] = [];
  for (const [label, members] of groups) {
    const id = `group:${label}`;
    rows.push({
      kind: 'header',
      id,
      label,
      counts: countStatuses(members),
      triggeredKeys: members.filter((m) => m.status === 'triggered').map((m) => m.key),
    });
    rows.push(...groupRows(members, context, id));
  }
  return rows;
}
