import type { SourceConfig, SourceSecrets } from '../../common/model/source-config.js';
import type { Clock } from '../ports/clock.js';
import { AlertmanagerSource } from './alertmanager/alertmanager-source.js';
import { DrillSource } from './drill/drill-source.js';
import { OpsgenieSource } from './opsgenie/opsgenie-source.js';
import { PagerDutySource } from './pagerduty/pagerduty-source.js';
import type { Source } from './source.js';
import { SplunkOnCallSource } from './splunk-oncall/splunk-oncall-source.js';

export interface SourceDependencies {
  clock: Clock;
  responderName: () => string;
}

export type SourceFactory = (
  config: SourceConfig,
  secrets: SourceSecrets,
  deps: SourceDependencies,
) => Source;

export const createSource: SourceFactory = (config, secrets, deps) => {
  switch (config.kind) {
    case 'drill':
      return new DrillSource(config.id, deps.clock, deps.responderName);
    case 'alertmanager':
      return new AlertmanagerSource({ ...deps, config, secrets });
    case 'pagerduty':
      return new PagerDutySource({ ...deps, config, secrets });
    case 'opsgenie':
      return new OpsgenieSource({ ...deps, config, secrets });
    case 'splunk-oncall':
      return new SplunkOnCallSource({ ...deps, config, secrets });
  }
};
