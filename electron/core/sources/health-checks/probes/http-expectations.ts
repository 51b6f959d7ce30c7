import type { HttpCheck } from '../../../../common/providers/health-check-schema.js';

/** Whether `status` is one the check accepts: 200, 2xx or 200-204. */
export function statusAccepted(status: number, accepted: HttpCheck['expectStatus']): boolean {
  return accepted.some((entry) => {
    if (typeof entry === 'number') return status === entry;
    if (/^[1-5]xx$/.test(entry)) return Math.floor(status / 100) === Number(entry[0]);
    const [low, high = low] = entry.split('-').map(Number) as [number, number?];
    return status >= low && status <= high;
  });
}

/** What is wrong with an answer's body, in words; undefined when it is what the check wants. */
export function bodyMismatch(
  body: string,
  check: Pick<HttpCheck, 'bodyContains' | 'bodyMatches' | 'json'>,
): string | undefined {
  if (check.bodyContains !== undefined && !body.includes(check.bodyContains)) {
    return `the body does not contain "${check.bodyContains}"`;
  }
  if (check.bodyMatches !== undefined && !new RegExp(check.bodyMatches).test(body)) {
    return `the body does not match /${check.bodyMatches}/`;
  }
  if (check.json) return jsonMismatch(body, check.json.path, check.json.equals);
  return undefined;
}

function jsonMismatch(body: string, path: string, equals: unknown): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return `the body is not JSON, so ${path} cannot be read`;
  }
  const found = readJsonPath(document, path);
  if (!found.present) return `the body has no ${path}`;
  if (found.value === equals) return undefined;
  return `${path} is ${JSON.stringify(found.value)}, expected ${JSON.stringify(equals)}`;
}

/** `$.a.b[0].c` or `a.b[0].c`: object keys and array indexes, nothing fancier. */
export function readJsonPath(
  document: unknown,
  path: string,
): { present: true; value: unknown } | { present: false } {
  const steps = [...path.replace(/^\$/, '').matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)].map(
    ([, key, index]) => (index === undefined ? key! : Number(index)),
  );
  let current: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number' ? !Array.isArray(current) : !isObject(current)) {
      return { present: false };
    }
    const holder = current as Record<string | number, unknown>;
    if (!Object.hasOwn(holder, step)) return { present: false };
    current = holder[step];
  }
  return { present: true, value: current };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
