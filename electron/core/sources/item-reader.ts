import type { ZodType } from 'zod';
import { forEachInSlices } from '../timing/time-slices.js';
import type { PollReport } from './poll-report.js';
import { SourceError } from './source-error.js';

/** What the list holds, for messages: "1 alert", "2 alerts". */
export interface ItemNoun {
  one: string;
  many: string;
}

/**
 * A schema with a shortcut for the common case: `plain` reads an item that is plainly well
 * formed exactly as `schema` would, without zod's copy of every object, and returns undefined
 * for anything else, which then goes through `schema` (and its messages). A storm is ten
 * thousand plainly well-formed items.
 */
export interface SchemaWithShortcut<T> {
  schema: ZodType<T>;
  plain(raw: unknown): T | undefined;
}

/** Enough distinct reasons to tell one broken field from many, few enough for a status line. */
const maxReasons = 3;
const maxReasonChars = 80;

/**
 * Validates and maps a provider's list one item at a time, so one item that cannot be used
 * costs that item, not the poll. The items it could not use are counted with their reasons;
 * `finish` turns them into a note on the source, or into a failed poll when nothing at all
 * could be read (a source that shows none of its pages must not look healthy).
 */
export class ItemReader<T, R> {
  private total = 0;
  private unreadable = 0;
  private readonly reasons = new Map<string, number>();
  private readonly schema: ZodType<T>;
  private readonly plain?: (raw: unknown) => T | undefined;

  constructor(
    schema: ZodType<T> | SchemaWithShortcut<T>,
    private readonly map: (item: T) => R,
    private readonly noun: ItemNoun,
  ) {
    if ('plain' in schema) {
      this.schema = schema.schema;
      this.plain = schema.plain;
    } else {
      this.schema = schema;
    }
  }

  /** One item mapped, or undefined when it could not be used (it is counted). */
  read(raw: unknown): R | undefined {
    this.total++;
    const plain = this.plain?.(raw);
    const parsed =
      plain !== undefined ? { success: true as const, data: plain } : this.schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return this.skip(`${path}${issue?.message ?? 'invalid'}`);
    }
    try {
      return this.map(parsed.data);
    } catch (error) {
      // A mapping bug on one odd item must not blind the source either.
      return this.skip(error instanceof Error ? error.message : String(error));
    }
  }

  /** Every item of a list, in time slices: a storm's ten thousand alerts must not hold the loop. */
  async readAll(raw: readonly unknown[]): Promise<R[]> {
    const read: R[] = [];
    await forEachInSlices(raw, (item) => {
      const mapped = this.read(item);
      if (mapped !== undefined) read.push(mapped);
    });
    return read;
  }

  /**
   * Notes the items that could not be read. Throws `bad-response` when there were items and
   * none could be read: the answer is unusable as a whole.
   */
  finish(report: PollReport): void {
    if (this.unreadable === 0) return;
    const why = this.describeReasons();
    if (this.unreadable === this.total) {
      throw new SourceError(
        'bad-response',
        `none of the ${this.count(this.total)} could be read: ${why}`,
      );
    }
    report.note(`${this.count(this.unreadable)} could not be read: ${why}`);
  }

  private skip(reason: string): undefined {
    this.unreadable++;
    const line = oneLine(reason);
    this.reasons.set(line, (this.reasons.get(line) ?? 0) + 1);
    return undefined;
  }

  private count(n: number): string {
    return `${n} ${n === 1 ? this.noun.one : this.noun.many}`;
  }

  private describeReasons(): string {
    const reasons = [...this.reasons].sort((a, b) => b[1] - a[1]);
    const shown = reasons
      .slice(0, maxReasons)
      .map(([reason, n]) => (reasons.length > 1 && n > 1 ? `${reason} (${n})` : reason));
    const more = reasons.length - shown.length;
    return `${shown.join('; ')}${more > 0 ? `; ${more} other problem${more === 1 ? '' : 's'}` : ''}`;
  }
}

/** A list read item by item: what could be used, and `finish` to report the rest (any number of times). */
export interface ReadList<T> {
  items: T[];
  finish(report: PollReport): void;
}

/** Reads a whole list with an ItemReader that keeps each item as validated. */
export async function readList<T>(
  raw: readonly unknown[],
  schema: ZodType<T> | SchemaWithShortcut<T>,
  noun: ItemNoun,
): Promise<ReadList<T>> {
  const reader = new ItemReader(schema, (item) => item, noun);
  const items = await reader.readAll(raw);
  return { items, finish: (report) => reader.finish(report) };
}

/** The `id` of an item not yet validated, to tell a new one from a repeat while paging. */
export function rawId(raw: unknown): string | undefined {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Server-chosen text for a status line: one line, no control characters, bounded. */
function oneLine(text: string): string {
  const line = text.replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return line.length > maxReasonChars ? `${line.slice(0, maxReasonChars)}…` : line;
}
