type Json = Record<string, unknown>;

/**
 * Two defects in PagerDuty's published spec make every real log entry invalid, so the parsed
 * copy mends them (the file stays as published). Pass as `repair` to ApiContract.load.
 *
 * - AcknowledgeLogEntry narrows `type` to `acknowledgement_log_entry`, while the LogEntry it
 *   extends allows only `acknowledge_log_entry` (what PagerDuty sends): no value fits both.
 * - Channel's `oneOf` branches (Nagios, API, email, web trigger, website) differ only in
 *   optional fields, so any channel fits several and none fits exactly one: it means anyOf.
 */
export function mendLogEntries(spec: Json): void {
  const schemas = (spec.components as { schemas: Record<string, Json> }).schemas;
  const acknowledge = schemas.AcknowledgeLogEntry?.allOf as Json[] | undefined;
  for (const part of acknowledge ?? []) {
    const type = (part.properties as Record<string, Json> | undefined)?.type;
    if (type) type.enum = ['acknowledge_log_entry'];
  }
  const channel = schemas.Channel;
  if (channel?.oneOf) {
    channel.anyOf = channel.oneOf;
    delete channel.oneOf;
  }
}
