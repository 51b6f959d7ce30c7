import { maxSourceIdLength } from '../../electron/common/model/source-fields.js';

// The ground floor's sourceIdPattern: lowercase letters, digits and inner dashes.

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxSourceIdLength)
    .replace(/-+$/, '');
  return slug || 'source';
}

/** A valid id from a display name, suffixed "-2", "-3"… until no existing source has it. */
export function deriveSourceId(name: string, existingIds: Iterable<string>): string {
  const taken = new Set(existingIds);
  const base = slugify(name);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = base.slice(0, maxSourceIdLength - suffix.length).replace(/-+$/, '') + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
