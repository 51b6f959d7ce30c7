/**
 * Commands that destroy or take something down. A step matching one is dangerous even when its
 * author did not mark it: it asks for confirmation and never runs as part of "Run all".
 * `[^\n;&|]*` keeps each pattern within one simple command.
 */
const patterns: readonly { reason: string; test: (command: string) => boolean }[] = [
  {
    reason: 'deletes files recursively (rm -rf)',
    test: (command) =>
      /\brm\b(?=[^\n;&|]*\s-(?:[a-zA-Z]*[rR]|-recursive\b))(?=[^\n;&|]*\s-(?:[a-zA-Z]*f|-force\b))/.test(
        command,
      ),
  },
  {
    reason: 'deletes or drains Kubernetes resources (kubectl delete/drain)',
    test: (command) => /\bkubectl\b[^\n;&|]*\s(?:delete|drain)\b/.test(command),
  },
  {
    reason: 'scales a workload to zero (kubectl scale --replicas=0)',
    test: (command) => /\bkubectl\b[^\n;&|]*\sscale\b[^\n;&|]*--replicas[= ]0\b/.test(command),
  },
  {
    reason: 'destroys infrastructure (terraform destroy)',
    test: (command) =>
      /\bterraform\b[^\n;&|]*\s(?:destroy\b|apply\b[^\n;&|]*\s-destroy\b)/.test(command),
  },
  {
    reason: 'uninstalls a Helm release (helm uninstall)',
    test: (command) => /\bhelm\b[^\n;&|]*\s(?:uninstall|delete)\b/.test(command),
  },
  {
    reason: 'drops or truncates data (DROP/TRUNCATE)',
    test: (command) =>
      /\bdrop\s+(?:table|database|schema|index|view|user|role|owned)\b|\btruncate\b/i.test(command),
  },
  { reason: 'deletes rows without a WHERE clause (DELETE FROM)', test: deletesEveryRow },
  { reason: 'formats a file system (mkfs)', test: (command) => /\bmkfs\b/.test(command) },
  {
    reason: 'writes a raw device or file (dd of=)',
    test: (command) => /\bdd\b[^\n;&|]*\bof=/.test(command),
  },
  {
    reason: 'reboots or shuts down a machine',
    test: (command) => /\b(?:reboot|shutdown|poweroff|halt)\b/.test(command),
  },
  {
    reason: 'forces a push (git push -f)',
    test: (command) =>
      /\bgit\b[^\n;&|]*\spush\b[^\n;&|]*\s(?:-[a-zA-Z]*f\b|--force\b)/.test(command),
  },
  { reason: 'forces an operation (--force)', test: (command) => /(?:^|\s)--force\b/.test(command) },
];

/** `DELETE FROM t` with no `WHERE` before the statement ends. */
function deletesEveryRow(command: string): boolean {
  for (const match of command.matchAll(/\bdelete\s+from\b/gi)) {
    const rest = command.slice(match.index + match[0].length);
    const statement = rest.split(/;|\n\s*\n/)[0] ?? '';
    if (!/\bwhere\b/i.test(statement)) return true;
  }
  return false;
}

/** Why `command` is dangerous, one reason per pattern it matches; empty when none does. */
export function dangerousPatterns(command: string): string[] {
  return patterns.filter((pattern) => pattern.test(command)).map((pattern) => pattern.reason);
}
