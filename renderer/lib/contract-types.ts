/**
 * Names for the parts of the contract the renderer uses. Lint only lets the renderer import
 * types from electron/contract/, so the model types are derived from AppState here.
 */
import type { CommandRequest } from '../../electron/common/contract/ipc-contract.js';
import type { AppState, SourceView } from '../../electron/common/contract/app-state.js';

export type Incident = AppState['incidents'][number];
export type IncidentStatus = Incident['status'];
export type Capabilities = Incident['capabilities'];
export type SourceStatus = AppState['sources'][number];
export type Health = SourceStatus['health'];
export type SourceConfig = SourceView['config'];
export type AlertmanagerConfig = Extract<SourceConfig, { kind: 'alertmanager' }>;
/** Every source the settings form can add or edit: all but the built-in drill. */
export type EditableConfig = Exclude<SourceConfig, { kind: 'drill' }>;
export type EditableKind = EditableConfig['kind'];
export type AuthType = AlertmanagerConfig['auth']['type'];
/** A source with its secrets, as addSource / editSource / testSource take it. */
export type SourceRequest = CommandRequest<'addSource'>;
export type ActionView = AppState['actions'][number];
export type ActionState = ActionView['state'];
export type IncidentAction = ActionView['action'];
export type IncidentActionType = IncidentAction['type'];
export type ReassignTarget = Extract<IncidentAction, { type: 'reassign' }>['target'];
export type Shift = AppState['schedule']['timeline'][number];
export type OnCallNow = AppState['schedule']['onCallNow'][number];
export type AttentionView = AppState['attention'];
export type StageView = AttentionView['stages'][string];
export type Stage = StageView['stage'];
export type AlarmSound = AppState['settings']['alarmSound'];
