/**
 * Which PNG in assets/tray/ paints a tray model. scripts/make-tray-icons.ts draws from the same
 * lists, so every image the shell can ask for exists.
 */
import type { TrayIcon, TrayModel } from './tray-model.js';

/** The colour of the menu bar or taskbar an image is drawn to stand out against. */
export const trayThemes = ['light', 'dark'] as const;
export type TrayTheme = (typeof trayThemes)[number];

/** The count drawn into the triggered icon; beyond nine the menu has the exact number. */
export const countBadges = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+'] as const;
export type CountBadge = (typeof countBadges)[number];

/** macOS tints a template image to suit the menu bar; only the calm state should blend in. */
export const idleTemplateImage = 'tray-idleTemplate';

export function countBadgeOf(count: number): CountBadge {
  return count > 9 ? '9+' : (String(Math.max(1, count)) as CountBadge);
}

/** e.g. tray-on-call-dark, tray-triggered-9plus-light: a "+" is awkward in file names. */
export function trayImageName(icon: TrayIcon, theme: TrayTheme, badge?: CountBadge): string {
  const count = badge === undefined ? '' : `-${badge.replace('+', 'plus')}`;
  return `tray-${icon}${count}-${theme}`;
}

/**
 * On macOS the count goes into the menu-bar title beside a plain triggered icon, exact at any
 * size; other trays have no title, so the count is drawn into the icon.
 */
export function trayImageOf(
  model: Pick<TrayModel, 'icon' | 'triggeredCount'>,
  theme: TrayTheme,
  macOS: boolean,
): string {
  if (macOS) return model.icon === 'idle' ? idleTemplateImage : trayImageName(model.icon, theme);
  return model.icon === 'triggered'
    ? trayImageName('triggered', theme, countBadgeOf(model.triggeredCount))
    : trayImageName(model.icon, theme);
}
