/**
 * The one contract between the renderer and the main process. Both transports (Electron IPC
 * and the browser host's WebSocket) carry exactly these commands and events; the main side
 * validates every request payload with these schemas before acting on it.
 */
import { z } from 'zod';
import { alarmSounds } from '../alarm-sounds.js';
import { incidentActionSchema } from '../model/action.js';
import { sourceConfigSchema, sourceSecretsSchema } from '../model/source-config.js';
import { appStateSchema, type AppState } from './app-state.js';

const incidentRef = z.object({ key: z.string().min(1).max(600) });
const empty = z.object({}).strict();
const queuedAction = z.object({ actionId: z.string() });
const sourceWithSecrets = z.object({
  config: sourceConfigSchema,
  secrets: sourceSecretsSchema.optional(),
});

export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    summary: z.string(),
    identity: z.string().optional(),
    allowedActions: z.array(z.string()).optional(),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const commands = {
  getState: { request: empty, response: appStateSchema },
  // Actions answer once the outbox has written them down; their progress arrives as state.
  ack: { request: incidentRef, response: queuedAction },
  resolve: { request: incidentRef, response: queuedAction },
  act: { request: incidentRef.extend({ action: incidentActionSchema }), response: queuedAction },
  retryAction: { request: z.object({ id: z.string() }), response: z.object({}) },
  dismissAction: { request: z.object({ id: z.string() }), response: z.object({}) },
  refresh: { request: z.object({ sourceId: z.string().optional() }), response: z.object({}) },
  addSource: { request: sourceWithSecrets, response: z.object({ id: z.string() }) },
  editSource: { request: sourceWithSecrets, response: z.object({ id: z.string() }) },
  removeSource: { request: z.object({ id: z.string() }), response: z.object({}) },
  testSource: { request: sourceWithSecrets, response: connectionTestResultSchema },
  updateSettings: {
    request: z
      .object({
        responderName: z.string().trim().min(1).max(80).optional(),
        alarmSound: z.enum(alarmSounds).optional(),
        ackShortcut: z.string().trim().min(1).max(60).optional(),
      })
      .refine((r) => Object.keys(r).length > 0, 'nothing to update'),
    response: z.object({}),
  },
  dismissNotice: { request: z.object({ id: z.string() }), response: z.object({}) },
  /** Mutes the alarm (and postpones takeovers) without acknowledging anything. */
  silenceAlarm: {
    request: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .optional(),
    }),
    response: z.object({}),
  },
  unsilenceAlarm: { request: empty, response: z.object({}) },
  /** Raises a practice page that climbs the whole ladder, to check sound and notifications. */
  sendTestPage: { request: empty, response: z.object({ key: z.string() }) },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export const commandNames = Object.keys(commands) as CommandName[];
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
export type ParsedRequest<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;

export const events = {
  stateChanged: appStateSchema,
  /** Show this incident: its notification or tray entry was clicked, or it is being escalated. */
  selectIncident: z.object({ key: z.string() }),
} as const;
export type EventName = keyof typeof events;

/** What `window.onwatch` offers the renderer, whichever transport carries it. */
export type OnwatchApi = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
} & {
  onStateChanged(listener: (state: AppState) => void): () => void;
  onSelectIncident(listener: (key: string) => void): () => void;
};

/** What the main side implements; requests arrive already validated. */
export type CommandHandlers = {
  [K in CommandName]: (request: ParsedRequest<K>) => Promise<CommandResponse<K>>;
};

export class ContractError extends Error {
  override readonly name = 'ContractError';
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

/** Validates an untrusted command and payload, then runs the handler. */
export async function dispatchCommand(
  handlers: CommandHandlers,
  name: unknown,
  payload: unknown,
): Promise<unknown> {
  if (!isCommandName(name)) throw new ContractError(`unknown command ${JSON.stringify(name)}`);
  const parsed = commands[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    throw new ContractError(`invalid ${name} request: ${z.prettifyError(parsed.error)}`);
  }
  const handler = handlers[name] as (request: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

export const ipcChannel = {
  command: (name: CommandName) => `onwatch:${name}`,
  event: (name: EventName) => `onwatch:event:${name}`,
};
