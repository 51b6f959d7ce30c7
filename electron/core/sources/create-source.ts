import type { SourceConfig, SourceSecrets } from '../model/source-config.js';
import type { Clock } from '../ports/clock.js';
import { AlertmanagerSource } from './alertmanager/alertmanager-source.js';
import { DrillSource } from './drill/drill-source.js';
import type { Source } from './source.js';

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
      return new AlertmanagerSource({ config, secrets, ...deps });
  }
};
