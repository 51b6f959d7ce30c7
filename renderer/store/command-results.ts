import { errorMessage, failureOf } from './error-message.js';
import type { Outcome, SliceCreator } from './types.js';

type SetState = Parameters<SliceCreator<unknown>>[0];

/** For commands whose only result is the next state: a failure becomes the error banner. */
export function commandRunner(set: SetState) {
  return async (name: string, command: () => Promise<unknown>): Promise<void> => {
    try {
      await command();
    } catch (error) {
      set({ commandError: errorMessage(error) }, false, `${name}Failed`);
    }
  };
}

/** For commands a form started: the main side's error goes back to that form, never thrown. */
export async function outcome<T>(command: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await command() };
  } catch (error) {
    return failureOf(error);
  }
}
