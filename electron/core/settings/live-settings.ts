import type { PublicSettings, SourceView } from '../../common/contract/app-state.js';
import { createEmitter } from '../../common/emitter.js';
import type { SourceConfig } from '../../common/model/source-config.js';
import { defaultAttentionConfig, type AttentionConfig } from '../../common/attention-config.js';
import { defaultDrillSource } from '../sources/default-drill.js';
import { saveSettings } from './settings-file.js';
import type { Settings } from './settings-schema.js';

/** The settings in force: changed only by saving them, so the file and the app never disagree. */
export class LiveSettings {
  readonly changed = createEmitter();

  constructor(
    private readonly path: string,
    private settings: Settings,
  ) {}

  get current(): Settings {
    return this.settings;
  }

  async save(next: Settings): Promise<void> {
    await saveSettings(this.path, next);
    this.settings = next;
    this.changed.emit();
  }

  /** The sources to run: the configured ones, or the drill when there are none. */
  wantedSources(): readonly SourceConfig[] {
    return this.settings.sources.length > 0 ? this.settings.sources : [defaultDrillSource];
  }

  attention(): AttentionConfig {
    return this.settings.attention ?? defaultAttentionConfig;
  }

  /** What a window may see of the settings: whether each secret exists, never its value. */
  publicView(
    secretsConfigured: (id: string) => SourceView['secretsConfigured'],
    statusPageKeyConfigured: (id: string) => boolean,
  ): PublicSettings {
    const { responderName, ackShortcut, sources, runbookFolders, terminal, statusPages } =
      this.settings;
    const { allowInBrowserHost = false, ...terminalSettings } = terminal ?? {};
    return {
      responderName,
      alarmSound: this.attention().sound,
      fastLane: this.attention().fastLane,
      shiftReminderLeadMinutes: this.attention().shiftReminderLeadMinutes,
      ackShortcut,
      sources: sources.map((config) => ({
        config,
        secretsConfigured: secretsConfigured(config.id),
      })),
      statusPages: statusPages.map((config) => ({
        config,
        apiKeyConfigured: config.kind === 'practice' || statusPageKeyConfigured(config.id),
      })),
      drillIsDefault: sources.length === 0,
      runbooks: {
        ...(runbookFolders && { folders: runbookFolders }),
        terminal: terminalSettings,
        terminalInBrowser: allowInBrowserHost,
      },
    };
  }
}
