import { userInfo } from 'node:os';
import { z } from 'zod';
import { attentionConfigSchema } from '../../common/attention-config.js';
import { sourceConfigSchema } from '../../common/model/source-config.js';
import { statusPageConfigSchema } from '../../common/model/status-page-config.js';
import {
  runbookFolderSettingSchema,
  terminalSettingsSchema,
} from '../../common/contract/runbook-contract.js';

/** The OS login name is the best guess at who is on call; some sandboxes have no passwd entry. */
function defaultResponderName(): string {
  try {
    return userInfo().username.trim() || 'responder';
  } catch {
    return 'responder';
  }
}

/** A list whose ids are unique; `what` names the items in the message. */
function uniqueIds<T extends z.ZodType<{ id: string }>>(item: T, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((entry, index) => {
      if (seen.has(entry.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `${what} id "${entry.id}" is used by more than one ${what}`,
          path: [index, 'id'],
        });
      }
      seen.add(entry.id);
    });
  });
}

const sourcesSchema = uniqueIds(sourceConfigSchema, 'source');

/**
 * The settings file. Secrets never belong here: zod objects strip unknown keys at every
 * level, so a stray "token" or "password" is dropped on load and never written back.
 */
export const settingsSchema = z.object({
  version: z.literal(1).default(1),
  responderName: z.string().trim().min(1).max(80).default(defaultResponderName),
  sources: sourcesSchema.default([]),
  /** Connected status pages; their API keys are in the keychain. */
  statusPages: uniqueIds(statusPageConfigSchema, 'status page').default([]),
  /** Absent until the responder changes it; `defaultAttentionConfig` applies meanwhile. */
  attention: attentionConfigSchema.optional(),
  /** Electron accelerator that acks my newest triggered incident; the shell's default if unset. */
  ackShortcut: z.string().trim().min(1).max(60).optional(),
  /** Where runbooks are read from; absent: `<data folder>/runbooks`. The shipped ones always follow. */
  runbookFolders: z.array(runbookFolderSettingSchema).optional(),
  /** The embedded terminal: on in the desktop app, off in the browser host unless turned on here. */
  terminal: terminalSettingsSchema
    .extend({ allowInBrowserHost: z.boolean().optional() })
    .optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}
