import type { SourceKind } from '../../common/model/source-config.js';
import type { ProviderFactory, SourceFactory } from './source-factory.js';
import type { Source } from './source.js';

/**
 * Each provider's folder is loaded with the first source of its kind, so a core watching two
 * providers holds neither the code nor the schemas of the other eight. A mapped type: a
 * provider added to electron/common/providers/ fails the type check here until it is listed.
 */
const loaders: { [K in SourceKind]: () => Promise<ProviderFactory<K>> } = {
  drill: async () => (await import('./drill/drill-source.js')).createDrillSource,
  alertmanager: async () =>
    (await import('./alertmanager/alertmanager-source.js')).createAlertmanagerSource,
  pagerduty: async () => (await import('./pagerduty/pagerduty-source.js')).createPagerDutySource,
  'jsm-ops': async () => (await import('./jsm-ops/jsm-source.js')).createJsmOpsSource,
  opsgenie: async () => (await import('./opsgenie/opsgenie-source.js')).createOpsgenieSource,
  'splunk-oncall': async () =>
    (await import('./splunk-oncall/splunk-oncall-source.js')).createSplunkOnCallSource,
  'health-checks': async () =>
    (await import('./health-checks/health-checks-source.js')).createHealthChecksSource,
  healthchecks: async () =>
    (await import('./healthchecks/healthchecks-source.js')).createHealthchecksSource,
  pingdom: async () => (await import('./pingdom/pingdom-source.js')).createPingdomSource,
  nodeping: async () => (await import('./nodeping/nodeping-source.js')).createNodepingSource,
};

type AnyProviderFactory = (...args: Parameters<SourceFactory>) => Source;

export const createSource: SourceFactory = async (config, secrets, deps) => {
  // TypeScript cannot tie loaders[kind] to the config of that kind; the map's type does.
  const factory = (await loaders[config.kind]()) as AnyProviderFactory;
  return factory(config, secrets, deps);
};
