import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { AttentionCenter } from '../attention/attention-center.js';

type AttentionCommands = Pick<CommandHandlers, 'silenceAlarm' | 'unsilenceAlarm'>;

/** Quieting the alarm without acknowledging anything. */
export function attentionCommands(
  attention: Pick<AttentionCenter, 'silence' | 'unsilence'>,
): AttentionCommands {
  return {
    silenceAlarm: async ({ minutes }) => {
      attention.silence(minutes);
      return {};
    },
    unsilenceAlarm: async () => {
      attention.unsilence();
      return {};
    },
  };
}
