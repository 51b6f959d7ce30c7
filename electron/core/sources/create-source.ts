import type { SourceConfig, SourceKind, SourceSecrets } from '../../common/model/source-config.js';
import type { Clock } from '../ports/clock.js';
import type { SharedLimits } from './rate-limit/shared-limits.js';
import { createAlertmanagerSource } from './alertmanager/alertmanager-source.js';
import { createDrillSource } from './drill/drill-source.js';
import { createOpsgenieSource } from './opsgenie/opsgenie-source.js';
import { createPagerDutySource } from './pagerduty/pagerduty-source.js';
import type { Source } from './source.js';
import { createSplunkOnCallSource } from './splunk-oncall/splunk-oncall-source.js';

export interface SourceDependencies {
  clock: Clock;
  responderName: () => string;
  /** The provider budgets every source of one core shares, e.g. two sources with one key. */
  rateLimits: SharedLimits;
}

export type SourceFactory = (
  config: SourceConfig,
  secrets: SourceSecrets,
  deps: SourceDependencies,
) => Source;

/** What each provider's folder exports: a source for one config of its own kind. */
export type ProviderFactory<K extends SourceKind> = (
  config: Extract<SourceConfig, { kind: K }>,
  secrets: SourceSecrets,
  deps: SourceDependencies,
) => Source;

// A mapped type, so a provider added to electron/common/providers/ fails the type check here
// until its factory is listed.
const factories: { [K in SourceKind]: ProviderFactory<K> } = {
  drill: createDrillSource,
  alertmanager: createAlertmanagerSource,
  pagerduty: createPagerDutySource,
  opsgenie: createOpsgenieSource,
  'splunk-oncall': createSplunkOnCallSource,
};

export const createSource: SourceFactory = (config, secrets, deps) =>
  // TypeScript cannot tie factories[kind] to the config of that kind; the map's type does.
  (factories[config.kind] as SourceFactory)(config, secrets, deps);
