import type { z } from 'zod';
import {
  incidentDraftSchema,
  incidentUpdateDraftSchema,
  maintenanceDraftSchema,
  maintenanceStepSchema,
  type IncidentDraft,
  type IncidentUpdateDraft,
  type MaintenanceDraft,
  type MaintenanceStep,
} from '../model/status-page.js';
import type { CommandIssue } from '../contract/command-error.js';
import type { ComponentCatalog } from '../model/status-page-view.js';
import { formatCount } from '../count-format.js';

/**
 * A draft that passed every check, or what the responder must fix first, by field (`name`,
 * `body`, `components.<id>`), in the shape command errors carry their issues.
 */
export type Checked<T> = { ok: true; draft: T } | { ok: false; issues: CommandIssue[] };

/**
 * Checks a draft before anything is sent: the vendor's limits (name ≤ 255, body ≤ 25 000),
 * and components that are on this page and are not groups (a group's status is derived from
 * its children; setting it directly is never what the responder means).
 */
export function checkIncidentDraft(
  draft: unknown,
  catalog: ComponentCatalog,
): Checked<IncidentDraft> {
  return check(incidentDraftSchema, draft, catalog, 'components', (d) => Object.keys(d.components));
}

export function checkIncidentUpdate(
  draft: unknown,
  catalog: ComponentCatalog,
): Checked<IncidentUpdateDraft> {
  return check(incidentUpdateDraftSchema, draft, catalog, 'components', (d) =>
    Object.keys(d.components),
  );
}

export function checkMaintenanceDraft(
  draft: unknown,
  catalog: ComponentCatalog,
): Checked<MaintenanceDraft> {
  return check(maintenanceDraftSchema, draft, catalog, 'componentIds', (d) => d.componentIds);
}

export function checkMaintenanceStep(
  step: unknown,
  catalog: ComponentCatalog,
): Checked<MaintenanceStep> {
  return check(maintenanceStepSchema, step, catalog, 'componentIds', (d) => d.componentIds);
}

function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  catalog: ComponentCatalog,
  field: 'components' | 'componentIds',
  componentsOf: (draft: T) => string[],
): Checked<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
        message: describe(issue, value),
      })),
    };
  }
  const issues = componentsOf(parsed.data).flatMap((id) => componentIssue(field, id, catalog));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, draft: parsed.data };
}

function componentIssue(field: string, id: string, catalog: ComponentCatalog): CommandIssue[] {
  const path = [field, id];
  const group = catalog.groups.find((g) => g.id === id);
  if (group) {
    return [
      {
        path,
        message: `“${group.name}” is a group: set the status of its components; the group shows the worst of them`,
      },
    ];
  }
  if (!catalog.components.some((c) => c.id === id)) {
    return [{ path, message: `component ${id} is not on this page (any more)` }];
  }
  return [];
}

/** Zod's words, with the length a too-long text has, so the responder knows how much to cut. */
function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== 'too_big' || issue.origin !== 'string') return issue.message;
  const text = issue.path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    value,
  );
  const length = typeof text === 'string' ? text.length : undefined;
  const limit = formatCount(Number(issue.maximum));
  return length === undefined
    ? issue.message
    : `${formatCount(length)} characters; Statuspage takes at most ${limit}`;
}
