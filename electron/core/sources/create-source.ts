import type { SourceKind } from '../../common/model/source-config.js';
import { createAlertmanagerSource } from './alertmanager/alertmanager-source.js';
import { createDrillSource } from './drill/drill-source.js';
import { createHealthChecksSource } from './health-checks/health-checks-source.js';
import { createJsmOpsSource } from './jsm-ops/jsm-source.js';
import { createHealthchecksSource } from './healthchecks/healthchecks-source.js';
import { createNodepingSource } from './nodeping/nodeping-source.js';
import { createOpsgenieSource } from './opsgenie/opsgenie-source.js';
import { createPagerDutySource } from './pagerduty/pagerduty-source.js';
import { createPingdomSource } from './pingdom/pingdom-source.js';
import type { ProviderFactory, SourceFactory } from './source-factory.js';
import { createSplunkOnCallSource } from './splunk-oncall/splunk-oncall-source.js';

// A mapped type, so a provider added to electron/common/providers/ fails the type check here
// until its factory is listed.
const factories: { [K in SourceKind]: ProviderFactory<K> } = {
  drill: createDrillSource,
  alertmanager: createAlertmanagerSource,
  pagerduty: createPagerDutySource,
  'jsm-ops': createJsmOpsSource,
  opsgenie: createOpsgenieSource,
  'splunk-oncall': createSplunkOnCallSource,
  'health-checks': createHealthChecksSource,
  healthchecks: createHealthchecksSource,
  pingdom: createPingdomSource,
  nodeping: createNodepingSource,
};

export const createSource: SourceFactory = (config, secrets, deps) =>
  // TypeScript cannot tie factories[kind] to the config of that kind; the map's type does.
  (factories[config.kind] as SourceFactory)(config, secrets, deps);
