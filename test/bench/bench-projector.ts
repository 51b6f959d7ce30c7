import type { Incident } from '../../electron/common/model/incident.js';
import { AppStateProjector } from '../../electron/core/engine/app-state-projector.js';
import { anAppState } from '../support/app-state.js';

/** A projector over the given incidents, every other part of the state empty and still. */
export function benchProjector(
  incident: (key: string) => Incident | undefined,
  incidents: () => Incident[],
): AppStateProjector {
  const parts = anAppState();
  return new AppStateProjector({
    incident,
    incidents,
    sources: () => parts.sources,
    actions: () => parts.actions,
    schedule: () => parts.schedule,
    attention: () => ({ view: parts.attention }),
    notices: () => parts.notices,
    statusPages: () => parts.statusPages,
    checks: () => parts.checks,
    settings: () => parts.settings,
  });
}
