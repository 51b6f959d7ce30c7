import { z } from 'zod';

/*
 * How a responder connects a status page, which components an incident touches, and when
 * Onwatch reminds them of it: the settings of one status page (the API key lives in the
 * keychain, never here).
 */

const matcherOps = ['=', '!=', '=~', '!~'] as const;

/** A label test in Alertmanager's words: `=~` and `!~` take an anchored regular expression. */
const labelMatcherSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    op: z.enum(matcherOps),
    value: z.string().max(1000),
  })
  .refine((m) => !m.op.includes('~') || isRegExp(m.value), {
    message: 'not a valid regular expression',
    path: ['value'],
  });
export type LabelMatcher = z.infer<typeof labelMatcherSchema>;

/**
 * Incidents this rule matches touch these components. Every condition given must hold; a rule
 * names at least one. A component group stands for its child components.
 */
export const componentMappingRuleSchema = z
  .object({
    componentIds: z.array(z.string().min(1).max(64)).min(1, 'choose at least one component'),
    sourceId: z.string().min(1).max(200).optional(),
    /** Compared without regard to case. */
    service: z.string().trim().min(1).max(200).optional(),
    labels: z.array(labelMatcherSchema).max(20).optional(),
  })
  .refine((r) => r.sourceId || r.service || (r.labels?.length ?? 0) > 0, {
    message: 'match by source, service or at least one label',
  });
export type ComponentMappingRule = z.infer<typeof componentMappingRuleSchema>;

/** When Onwatch nudges a responder about the status page. */
const statusPageRemindersSchema = z.object({
  /** A linked page resolved this long ago while the status page still shows it open (0: at once). */
  resolveGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  /** A high-urgency page on mapped components, triggered this long, with nothing declared. */
  declareAfterMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
});
export type StatusPageReminders = z.infer<typeof statusPageRemindersSchema>;

export const defaultStatusPageReminders: StatusPageReminders = {
  resolveGraceMinutes: 10,
  declareAfterMinutes: 15,
};

/**
 * One connected status page. `practice` is the built-in page of the drill: it writes nowhere
 * and needs no account.
 */
export const statusPageConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('statuspage'),
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    /** Chosen from GET /pages after Test connection. */
    pageId: z.string().min(1).max(64),
    /** The API root; Atlassian's unless a test or a proxy says otherwise. */
    apiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    mappings: z.array(componentMappingRuleSchema).max(200),
    reminders: statusPageRemindersSchema,
  }),
  z.object({
    kind: z.literal('practice'),
    id: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(100),
    mappings: z.array(componentMappingRuleSchema).max(200),
    reminders: statusPageRemindersSchema,
  }),
]);
export type StatusPageConfig = z.infer<typeof statusPageConfigSchema>;

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
