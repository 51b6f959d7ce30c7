import type { Incident } from '../model/incident.js';
import type { ComponentMappingRule, LabelMatcher } from '../model/status-page-config.js';
import type { ComponentCatalog } from '../model/status-page-view.js';

/** Whether every condition of the rule holds for the incident. */
function ruleMatches(rule: ComponentMappingRule, incident: Incident): boolean {
  if (rule.sourceId !== undefined && rule.sourceId !== incident.sourceId) return false;
  if (rule.service !== undefined) {
    if (incident.service?.toLowerCase() !== rule.service.toLowerCase()) return false;
  }
  return (rule.labels ?? []).every((matcher) => labelMatches(matcher, incident.labels));
}

/**
 * The child components an incident touches, in the page's order: every matching rule's
 * components, a group standing for its children, ids the page no longer has left out.
 */
export function mappedComponentIds(
  incident: Incident,
  rules: readonly ComponentMappingRule[],
  catalog: ComponentCatalog,
): string[] {
  const named = rules.filter((rule) => ruleMatches(rule, incident)).flatMap((r) => r.componentIds);
  return childComponentIds(named, catalog);
}

/** Component and group ids as the child components they stand for, in the page's order. */
export function childComponentIds(ids: readonly string[], catalog: ComponentCatalog): string[] {
  const wanted = new Set<string>();
  for (const id of ids) {
    const group = catalog.groups.find((g) => g.id === id);
    for (const child of group ? group.componentIds : [id]) wanted.add(child);
  }
  return catalog.components.filter((c) => wanted.has(c.id)).map((c) => c.id);
}

/** A component's or group's name, for text; the id itself when the page has no such thing. */
export function componentName(id: string, catalog: ComponentCatalog): string {
  return (
    catalog.components.find((c) => c.id === id)?.name ??
    catalog.groups.find((g) => g.id === id)?.name ??
    id
  );
}

function labelMatches(matcher: LabelMatcher, labels: Record<string, string>): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchored(matcher.value).test(value);
    case '!~':
      return !anchored(matcher.value).test(value);
  }
}

/** Alertmanager's rule: a regular expression matches the whole value. */
function anchored(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}
