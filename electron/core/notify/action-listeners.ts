import { createEmitter } from '../../common/emitter.js';
import type { Log } from '../ports/log.js';
import type { NotificationActionListener } from '../ports/notifier.js';

/**
 * The listeners of a notifier's buttons and body clicks. Each is called guarded: one that throws
 * is logged and must not keep the others from hearing.
 */
export function actionListeners(log: Log) {
  const actions = createEmitter<{ id: string; actionId: string }>();
  return {
    emit: (id: string, actionId: string) => actions.emit({ id, actionId }),
    on: (listener: NotificationActionListener) =>
      actions.on(({ id, actionId }) => {
        try {
          listener(id, actionId);
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          log.error(`notification action ${actionId} failed: ${reason}`);
        }
      }),
    clear: () => actions.clear(),
  };
}
