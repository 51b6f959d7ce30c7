import { impacts, type ComponentStatus, type Impact } from '../model/status-page.js';

/** What each component status contributes to an incident's impact on Statuspage. */
const impactOfStatus: Record<ComponentStatus, Impact> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

/**
 * The impact Statuspage derives from the component statuses: the worst of them, `none` with
 * no component. `impact_override` only forces another value, it changes no component.
 */
export function computedImpact(components: Record<string, ComponentStatus>): Impact {
  let worst = 0;
  for (const status of Object.values(components)) {
    worst = Math.max(worst, impacts.indexOf(impactOfStatus[status]));
  }
  return impacts[worst]!;
}

/** Both values for the form to show side by side, and the one subscribers will see. */
export function impactSummary(draft: {
  components: Record<string, ComponentStatus>;
  impactOverride?: Impact;
}): { computed: Impact; override?: Impact; shown: Impact } {
  const computed = computedImpact(draft.components);
  return { computed, override: draft.impactOverride, shown: draft.impactOverride ?? computed };
}
