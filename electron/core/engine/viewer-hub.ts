import type {
  Caller,
  EventPayload,
  ViewerEventName,
  ViewerEventSink,
} from '../../common/contract/ipc-contract.js';
import { createEmitter } from '../../common/emitter.js';

/**
 * The windows connected right now, each with its own event sink: so a terminal's output goes
 * only to the windows showing it, and whatever a window held is let go when it leaves.
 */
export class ViewerHub {
  private readonly viewers = new Map<string, ViewerEventSink>();
  private readonly leaving = createEmitter<string>();

  /** Returns the undo; connecting again under the same name replaces the earlier sink. */
  connect(caller: Caller, send: ViewerEventSink): () => void {
    const { viewer } = caller;
    if (this.viewers.has(viewer)) this.leaving.emit(viewer);
    this.viewers.set(viewer, send);
    return () => {
      if (this.viewers.get(viewer) !== send) return;
      this.viewers.delete(viewer);
      this.leaving.emit(viewer);
    };
  }

  /** A window closed, reloaded or disconnected. */
  onLeft(listener: (viewer: string) => void): () => void {
    return this.leaving.on(listener);
  }

  sendTo<E extends ViewerEventName>(viewer: string, name: E, payload: EventPayload<E>): void {
    this.viewers.get(viewer)?.(name, payload);
  }

  broadcast<E extends ViewerEventName>(name: E, payload: EventPayload<E>): void {
    for (const send of [...this.viewers.values()]) send(name, payload);
  }

  clear(): void {
    for (const viewer of [...this.viewers.keys()]) this.leaving.emit(viewer);
    this.viewers.clear();
    this.leaving.clear();
  }
}
