import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countBadgeOf,
  countBadges,
  idleTemplateImage,
  trayImageName,
  trayImageOf,
  trayThemes,
} from '../../../../electron/core/tray/tray-images.js';
import { trayIcons } from '../../../../electron/core/tray/tray-model.js';

const iconsDir = path.resolve(import.meta.dirname, '../../../../assets/tray');

describe('tray images', () => {
  it('draws the count into the triggered icon up to nine, then "9+"', () => {
    expect([1, 2, 9, 10, 250].map(countBadgeOf)).toEqual(['1', '2', '9', '9+', '9+']);
    expect(trayImageOf({ icon: 'triggered', triggeredCount: 3 }, 'dark', false)).toBe(
      'tray-triggered-3-dark',
    );
    expect(trayImageOf({ icon: 'triggered', triggeredCount: 12 }, 'light', false)).toBe(
      'tray-triggered-9plus-light',
    );
  });

  it('leaves the count to the menu-bar title on macOS and uses the template when idle', () => {
    expect(trayImageOf({ icon: 'triggered', triggeredCount: 3 }, 'dark', true)).toBe(
      'tray-triggered-dark',
    );
    expect(trayImageOf({ icon: 'idle', triggeredCount: 0 }, 'dark', true)).toBe(idleTemplateImage);
    expect(trayImageOf({ icon: 'on-call', triggeredCount: 0 }, 'light', true)).toBe(
      'tray-on-call-light',
    );
  });

  it('has a 1x and a @2x file for every image the shell can ask for', () => {
    const names = [
      idleTemplateImage,
      ...trayThemes.flatMap((theme) => [
        ...trayIcons.map((icon) => trayImageName(icon, theme)),
        ...countBadges.map((badge) => trayImageName('triggered', theme, badge)),
      ]),
    ];
    const missing = names
      .flatMap((name) => [`${name}.png`, `${name}@2x.png`])
      .filter((file) => !existsSync(path.join(iconsDir, file)));
    expect(missing).toEqual([]);
  });
});
