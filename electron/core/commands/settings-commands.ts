import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { NoticeBoard } from '../engine/notice-board.js';
import type { LiveSettings } from '../settings/live-settings.js';

export interface SettingsCommandContext {
  /** Saving them is announced on `settings.changed`; the core re-applies attention from there. */
  settings: LiveSettings;
  notices: NoticeBoard;
}

type SettingsCommands = Pick<CommandHandlers, 'updateSettings' | 'dismissNotice'>;

/** The responder's own settings, and the notices they have read. */
export function settingsCommands({ settings, notices }: SettingsCommandContext): SettingsCommands {
  return {
    updateSettings: async ({
      responderName,
      alarmSound,
      fastLane,
      shiftReminderLeadMinutes,
      ackShortcut,
    }) => {
      const current = settings.current;
      const attention = { ...settings.attention(), ...(alarmSound && { sound: alarmSound }) };
      if (fastLane) attention.fastLane = fastLane;
      if (shiftReminderLeadMinutes !== undefined) {
        attention.shiftReminderLeadMinutes = shiftReminderLeadMinutes;
      }
      const attentionChanged =
        alarmSound !== undefined ||
        fastLane !== undefined ||
        shiftReminderLeadMinutes !== undefined;
      await settings.save({
        ...current,
        responderName: responderName ?? current.responderName,
        ackShortcut: ackShortcut ?? current.ackShortcut,
        attention: attentionChanged ? attention : current.attention,
      });
      return {};
    },
    dismissNotice: async ({ id }) => {
      notices.dismiss(id);
      return {};
    },
  };
}
