/**
 * Ground-floor types under the names older call sites use. New code imports them from
 * electron/common/ directly; the two derived here have no name there yet.
 */
import type { StageView } from '../../electron/common/contract/app-state.js';
import type { CommandRequest } from '../../electron/common/contract/ipc-contract.js';

export type { AlarmSound } from '../../electron/common/alarm-sounds.js';
export type {
  ActionView,
  AttentionView,
  OnCallNow,
  StageView,
} from '../../electron/common/contract/app-state.js';
export type {
  IncidentAction,
  IncidentActionType,
  ReassignTarget,
} from '../../electron/common/model/action.js';
export type { Capabilities, Incident } from '../../electron/common/model/incident.js';
export type { Shift } from '../../electron/common/model/shift.js';
export type { SourceStatus } from '../../electron/common/model/source-status.js';

export type Stage = StageView['stage'];
/** A source with its secrets, as addSource / editSource / testSource take it. */
export type SourceRequest = CommandRequest<'addSource'>;
