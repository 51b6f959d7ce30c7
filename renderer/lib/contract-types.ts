/**
 * Names for the parts of the contract the renderer uses. Lint only lets the renderer import
 * types from electron/contract/, so the model types are derived from AppState here.
 */
import type { AppState, CommandRequest, SourceView } from '../../electron/contract/ipc-contract.js';

export type Incident = AppState['incidents'][number];
export type IncidentStatus = Incident['status'];
export type SourceStatus = AppState['sources'][number];
export type Health = SourceStatus['health'];
export type SourceConfig = SourceView['config'];
export type AlertmanagerConfig = Extract<SourceConfig, { kind: 'alertmanager' }>;
export type AuthType = AlertmanagerConfig['auth']['type'];
/** A source with its secrets, as addSource / editSource / testSource take it. */
export type SourceRequest = CommandRequest<'addSource'>;
export type IncidentAction = AppState['pendingActions'][number]['action'];
