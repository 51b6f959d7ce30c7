/**
 * A fenced block's info string, read the way Runme reads it: the language, then attributes
 * between the first `{` and the first `}`, as JSON (`{"name":"x"}`, non-string values written
 * back as JSON text) or, failing that, HTML-style (`{ name=x excludeFromRunAll=true }`, split on
 * spaces, no quoting). Keys we do not know are kept, as Runme keeps them.
 */
export interface FenceInfo {
  language: string;
  attributes: Record<string, string>;
  syntax: 'json' | 'html' | 'none';
}

export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  const language = /^[^\s{]*/.exec(trimmed)![0];
  const open = trimmed.indexOf('{', language.length);
  if (open === -1 || trimmed[open + 1] === '}') {
    return { language, attributes: {}, syntax: 'none' };
  }
  const close = trimmed.indexOf('}', open);
  if (close === -1) throw new Error(`the attributes after "${language}" have no closing "}"`);
  if (trimmed.slice(close + 1).trim() !== '') {
    // Runme stops at the first `}`: whatever follows is lost to it, a name or
    // excludeFromRunAll included, so the two tools would read different steps.
    throw new Error(
      'an attribute value cannot contain "}" (Runme ends the attributes at the first "}"); ' +
        'for onwatch.confirm write the bare path, as in "onwatch.confirm":"labels.pod"',
    );
  }
  const raw = trimmed.slice(open, close + 1);
  const json = jsonAttributes(raw);
  if (json) return { language, attributes: json, syntax: 'json' };
  return { language, attributes: htmlAttributes(raw), syntax: 'html' };
}

function jsonAttributes(raw: string): Record<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

function htmlAttributes(raw: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const item of raw.slice(1, -1).split(/\s+/)) {
    const equals = item.indexOf('=');
    if (equals > 0) attributes[item.slice(0, equals)] = item.slice(equals + 1);
  }
  return attributes;
}

/** Runme's reading of a yes/no attribute. */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^(true|yes|1)$/i.test(value.trim());
}
