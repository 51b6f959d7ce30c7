import { isNode, parseDocument } from 'yaml';

export interface SplitDocument {
  /** The parsed front matter; an empty object when the file has none. */
  data: Record<string, unknown>;
  /** The file line of the value at `path` in the front matter, for messages. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  body: string;
  /** The file line the body starts on. */
  bodyLine: number;
}

/** A problem at a line of the file. */
export class RunbookFileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Splits off the `---` front matter Runme and Onwatch share. YAML it is (JSON is YAML too);
 * Runme also reads TOML between `+++` lines, which is refused with a clear error, not ignored.
 */
export function splitFrontMatter(text: string): SplitDocument {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() === '+++') {
    throw new RunbookFileError(
      'TOML front matter (+++) is not supported; write it as YAML between --- lines',
      1,
    );
  }
  if (lines[0]?.trim() !== '---') {
    return { data: {}, lineOf: () => undefined, body: source, bodyLine: 1 };
  }
  const end = lines.findIndex(
    (line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'),
  );
  if (end === -1) throw new RunbookFileError('the front matter has no closing --- line', 1);
  const yamlText = lines.slice(1, end).join('\n');
  // Front matter starts on the file's second line.
  const fileLine = (offset: number) => yamlText.slice(0, offset).split('\n').length + 1;
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    throw new RunbookFileError(
      `bad YAML in the front matter: ${error.message}`,
      fileLine(error.pos[0]),
    );
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new RunbookFileError('the front matter must be a YAML mapping (key: value)', 2);
  }
  return {
    data: (data ?? {}) as Record<string, unknown>,
    lineOf: (path) => {
      const node = document.getIn(path, true);
      return isNode(node) && node.range ? fileLine(node.range[0]) : undefined;
    },
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}
