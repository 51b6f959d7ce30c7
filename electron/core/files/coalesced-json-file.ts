import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Log } from '../ports/log.js';
import { writeFileAtomically } from './atomic-write.js';

/**
 * Keeps a small JSON file in step with data held in memory: saves made while one is being
 * written become one more write of the latest data, so a burst of edits costs two writes. A
 * failed write is logged (naming `what`), never thrown: the data stays in memory either way.
 */
export class CoalescedJsonFile {
  private writing?: Promise<void>;
  private writeAgain = false;

  constructor(
    private readonly path: string,
    private readonly what: string,
    private readonly data: () => unknown,
    private readonly log: Log,
  ) {}

  save(): Promise<void> {
    if (this.writing) {
      this.writeAgain = true;
      return this.writing;
    }
    this.writing = (async () => {
      do {
        this.writeAgain = false;
        try {
          await mkdir(dirname(this.path), { recursive: true });
          await writeFileAtomically(this.path, `${JSON.stringify(this.data())}\n`);
        } catch (error) {
          this.log.error(`${this.what} could not be saved to ${this.path}: ${String(error)}`);
        }
      } while (this.writeAgain);
    })().finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** Resolves once everything saved so far is on disk (or its failure was logged). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}
