import type { SliceCreator, UiSlice } from './types.js';

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  page: 'incidents',
  showPage: (page) => set({ page }, false, 'ui/showPage'),
  inFlight: {},
  actionErrors: {},
  commandError: null,
  clearCommandError: () => set({ commandError: null }, false, 'ui/clearCommandError'),
});
