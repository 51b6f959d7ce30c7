import type { CommandHandlers } from '../../common/contract/ipc-contract.js';
import type { AttentionCenter } from '../attention/attention-center.js';
import { attentionCommands } from './attention-commands.js';
import { checkCommands, type CheckCommandContext } from './check-commands.js';
import { incidentCommands, type IncidentCommandContext } from './incident-commands.js';
import { runbookCommands, type RunbookCommandContext } from './runbook-commands.js';
import { scheduleCommands, type ScheduleCommandContext } from './schedule-commands.js';
import { settingsCommands, type SettingsCommandContext } from './settings-commands.js';
import { sourceCommands, type SourceCommandContext } from './source-commands.js';
import { statusPageCommands, type StatusPageCommandContext } from './status-page-commands.js';
import { terminalCommands, type TerminalCommandContext } from './terminal-commands.js';

type CommandContext = IncidentCommandContext &
  SourceCommandContext &
  SettingsCommandContext &
  RunbookCommandContext &
  TerminalCommandContext &
  StatusPageCommandContext &
  ScheduleCommandContext &
  CheckCommandContext & {
    attention: Pick<AttentionCenter, 'silence' | 'unsilence'>;
  };

/** Every command of the contract, each group in its own file. */
export function createCommandHandlers(context: CommandContext): CommandHandlers {
  return {
    ...incidentCommands(context),
    ...sourceCommands(context),
    ...settingsCommands(context),
    ...attentionCommands(context.attention),
    ...runbookCommands(context),
    ...terminalCommands(context),
    ...statusPageCommands(context),
    ...scheduleCommands(context),
    ...checkCommands(context),
  };
}
