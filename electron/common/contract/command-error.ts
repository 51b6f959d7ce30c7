import { z } from 'zod';

/**
 * Why a command failed, as data: transports carry it as is, and the renderer maps `issues` to
 * form fields by `path` instead of parsing message text.
 */
const commandErrorCodes = [
  /** The payload failed the contract's schema; `issues` says where. */
  'invalid-request',
  'unknown-command',
  /** The request did not come from an Onwatch window. */
  'forbidden',
  /** The handler refused or failed; `message` is written for the responder. */
  'failed',
  /** The transport gave up waiting for the answer. */
  'timeout',
  /** The connection to the main side dropped before the answer arrived. */
  'disconnected',
] as const;
export type CommandErrorCode = (typeof commandErrorCodes)[number];

const commandIssueSchema = z.object({
  /** Where in the request, e.g. ['config', 'baseUrl']. */
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type CommandIssue = z.infer<typeof commandIssueSchema>;

const commandErrorSchema = z.object({
  code: z.enum(commandErrorCodes),
  message: z.string(),
  issues: z.array(commandIssueSchema).optional(),
});
export type CommandErrorData = z.infer<typeof commandErrorSchema>;

/** Thrown by handlers and by both transports' clients; `toData` is what crosses the bridge. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly code: CommandErrorCode;
  readonly issues?: CommandIssue[];

  constructor(data: CommandErrorData) {
    super(data.message);
    this.code = data.code;
    if (data.issues) this.issues = data.issues;
  }

  toData(): CommandErrorData {
    return { code: this.code, message: this.message, ...(this.issues && { issues: this.issues }) };
  }

  /** Any thrown value as bridge data; a plain Error's message becomes a `failed`. */
  static dataOf(error: unknown): CommandErrorData {
    if (error instanceof CommandError) return error.toData();
    return { code: 'failed', message: error instanceof Error ? error.message : String(error) };
  }

  /** The error a client raises for a reply; data that is not an error still says something. */
  static fromData(data: unknown): CommandError {
    const parsed = commandErrorSchema.safeParse(data);
    if (parsed.success) return new CommandError(parsed.data);
    return new CommandError({ code: 'failed', message: String(data) });
  }
}
