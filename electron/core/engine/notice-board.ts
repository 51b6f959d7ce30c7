import type { Notice } from '../../common/contract/app-state.js';
import { createEmitter } from '../../common/emitter.js';
import type { Clock } from '../ports/clock.js';

/** Messages for the responder in the window (the settings file was set aside, a shortcut is taken). */
export class NoticeBoard {
  readonly changed = createEmitter();
  private notices: Notice[] = [];
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  add(level: Notice['level'], message: string): void {
    const at = new Date(this.clock.now()).toISOString();
    this.notices = [...this.notices, { id: String(this.nextId++), level, message, at }];
    this.changed.emit();
  }

  dismiss(id: string): void {
    const kept = this.notices.filter((notice) => notice.id !== id);
    if (kept.length === this.notices.length) return;
    this.notices = kept;
    this.changed.emit();
  }

  list(): Notice[] {
    return this.notices;
  }
}
