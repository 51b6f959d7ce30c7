import type { DrillSourceConfig } from '../../common/model/source-config.js';
import { drillDescriptor } from '../../common/providers/drill.js';

/** Plays when nothing is configured, so a new user sees the whole flow without an account. */
export const defaultDrillSource: DrillSourceConfig = {
  kind: drillDescriptor.kind,
  id: 'drill',
  name: drillDescriptor.label,
  pollIntervalSeconds: 5,
  timeoutSeconds: 5,
};
