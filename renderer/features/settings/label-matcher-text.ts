import type { LabelMatcher } from '../../../electron/common/model/status-page-config.js';

const matcherPattern = /^\s*([^=!~\s]+)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** `team=payments, env!=staging` — matchers as one line of text, in Alertmanager's words. */
export function labelMatchersText(matchers: readonly LabelMatcher[] = []): string {
  return matchers.map((m) => `${m.name}${m.op}${m.value}`).join(', ');
}

/** The matchers a line of text names, or the first part that is not one. */
export function parseLabelMatchers(
  text: string,
): { ok: true; matchers: LabelMatcher[] } | { ok: false; error: string } {
  const matchers: LabelMatcher[] = [];
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const match = matcherPattern.exec(part);
    if (!match) {
      return { ok: false, error: `“${part.trim()}” is not name=value (or !=, =~, !~)` };
    }
    matchers.push({ name: match[1]!, op: match[2] as LabelMatcher['op'], value: match[3]! });
  }
  return { ok: true, matchers };
}
