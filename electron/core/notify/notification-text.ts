/**
 * Text rules every Linux notification path shares: what a notification daemon would misread
 * (markup, control characters, runaway lengths) is made inert before it leaves the process.
 */
import { truncate } from '../../common/excerpt.js';
import type { DesktopNotification } from '../ports/notifier.js';

/** The freedesktop name of a click on the body; our own action ids must never collide with it. */
export const defaultAction = 'default';
const actionIdPattern = /^[a-z][a-z0-9-]*$/;
// Long enough for any page, far below the kernel's 128 KiB limit on a single argument.
const maxTitleChars = 200;
const maxBodyChars = 1000;
/** NUL cannot cross exec or D-Bus at all; other control characters (bar tab and newline) garble. */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Throws on an action id a daemon could confuse with the body click or another action. */
export function checkActionIds(notification: DesktopNotification): void {
  for (const action of notification.actions ?? []) {
    if (!actionIdPattern.test(action.id) || action.id === defaultAction) {
      throw new Error(`invalid notification action id: ${JSON.stringify(action.id)}`);
    }
  }
}

/** The summary: plain text on one line, cut to length. */
export function titleText(title: string): string {
  return truncate(oneLine(title), maxTitleChars);
}

/** The body with its line breaks kept, cut to length before any escaping. */
export function bodyText(body: string): string {
  return truncate(body.replace(/\r\n?/g, '\n').replace(controlCharacters, ''), maxBodyChars);
}

/** For a daemon that reads the body as markup: shown literally, not interpreted. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').replace(controlCharacters, '').trim();
}
