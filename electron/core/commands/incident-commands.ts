import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { IncidentActions } from '../engine/incident-actions.js';
import type { IncidentFeed } from '../engine/incident-feed.js';
import type { IncidentTimelines } from '../engine/incident-timelines.js';
import type { TestPageSource } from '../sources/test-page/test-page-source.js';

export interface IncidentCommandContext {
  actions: IncidentActions;
  feed: IncidentFeed;
  testPages: TestPageSource;
  timelines: IncidentTimelines;
}

type IncidentCommands = Pick<
  CommandHandlers,
  'ack' | 'resolve' | 'act' | 'retryAction' | 'dismissAction' | 'sendTestPage' | 'incidentTimeline'
>;

/** Acting on incidents: each answers once the outbox has the action written down. */
export function incidentCommands({
  actions,
  feed,
  testPages,
  timelines,
}: IncidentCommandContext): IncidentCommands {
  return {
    ack: async ({ key }) => actions.enqueue(key, { type: 'ack' }),
    resolve: async ({ key }) => actions.enqueue(key, { type: 'resolve' }),
    act: async ({ key, action }) => actions.enqueue(key, action),
    retryAction: async ({ id }) => {
      await actions.retry(id);
      return {};
    },
    dismissAction: async ({ id }) => {
      await actions.dismiss(id);
      return {};
    },
    incidentTimeline: ({ key }) => timelines.read(key),
    sendTestPage: async () => {
      const page = testPages.fire();
      feed.applySnapshot(page.sourceId, await testPages.fetchIncidents());
      return { key: page.key };
    },
  };
}
