import type { DrillSourceConfig } from '../../common/model/source-config.js';

/** Plays when nothing is configured, so a new user sees the whole flow without an account. */
export const defaultDrillSource: DrillSourceConfig = {
  kind: 'drill',
  id: 'drill',
  name: 'Drill (practice)',
  pollIntervalSeconds: 5,
  timeoutSeconds: 5,
};
