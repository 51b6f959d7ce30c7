// Opsgenie's REST API ends on 2027-04-05: this goes with the rest of this folder.

/**
 * An account that moved to Jira Service Management is switched off 120 days after its
 * migration date (PROVIDERS.md §2), and the API ends for everyone on 2027-04-05. How the API
 * answers then is not documented [U]: a 410, or a refusal whose message speaks of the
 * migration or of the account being off, is taken to mean it.
 */
const switchedOffWords =
  /\b(migrat\w*|switched off|turned off|shut ?down|sunset|deactivated|end of life|no longer available)\b/i;

export function isSwitchedOff(status: number, message: string): boolean {
  return (
    status === 410 || ([401, 403, 404, 422].includes(status) && switchedOffWords.test(message))
  );
}

/** The blind reason, with the way forward rather than a generic refusal. */
export const switchedOffText =
  'Opsgenie answers that this account is switched off (moved to Jira Service Management): ' +
  'use “Move to Jira Service Management” on this source in Settings, then remove it';
