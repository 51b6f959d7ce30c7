import type { CommandIssue } from '../../../electron/common/contract/command-error.js';

/** Issues by field as a form shows them: `name`, `body`, and `components.<id>` by component. */
export interface DraftIssues {
  fields: Record<string, string>;
  components: Record<string, string>;
  other: string[];
}

export const noIssues: DraftIssues = { fields: {}, components: {}, other: [] };

/** Sorts issues from a draft check (here or on the main side, under `draft`) onto their fields. */
export function draftIssues(issues: readonly CommandIssue[] = []): DraftIssues {
  const sorted: DraftIssues = { fields: {}, components: {}, other: [] };
  for (const issue of issues) {
    const path =
      issue.path[0] === 'draft' || issue.path[0] === 'step' ? issue.path.slice(1) : issue.path;
    const [head, id] = path.map(String);
    if ((head === 'components' || head === 'componentIds') && id !== undefined) {
      sorted.components[id] ??= issue.message;
    } else if (head) {
      sorted.fields[head] ??= issue.message;
    } else {
      sorted.other.push(issue.message);
    }
  }
  return sorted;
}
