import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../../electron/common/emitter.js';

describe('createEmitter', () => {
  it('calls every listener in order until its own undo removes it', () => {
    const emitter = createEmitter<number>();
    const seen: string[] = [];
    const offA = emitter.on((n) => seen.push(`a${n}`));
    emitter.on((n) => seen.push(`b${n}`));
    emitter.emit(1);
    offA();
    emitter.emit(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
    expect(emitter.size).toBe(1);
  });

  it('keeps a function subscribed twice until both undos ran', () => {
    const emitter = createEmitter<string>();
    const seen: string[] = [];
    const listener = (s: string) => seen.push(s);
    const first = emitter.on(listener);
    emitter.on(listener);
    first();
    emitter.emit('x');
    expect(seen).toEqual(['x']);
  });

  it('lets a listener unsubscribe during an emit without skipping the others', () => {
    const emitter = createEmitter();
    const seen: string[] = [];
    const off = emitter.on(() => {
      seen.push('once');
      off();
    });
    emitter.on(() => seen.push('always'));
    emitter.emit();
    emitter.emit();
    expect(seen).toEqual(['once', 'always', 'always']);
  });

  it('forgets everyone on clear', () => {
    const emitter = createEmitter<number>();
    let calls = 0;
    emitter.on(() => calls++);
    emitter.clear();
    emitter.emit(1);
    expect(calls).toBe(0);
    expect(emitter.size).toBe(0);
  });
});
