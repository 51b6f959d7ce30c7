import type {
  ChecklistItem,
  RunbookOrigin,
  RunbookSegment,
  TranscriptPolicy,
} from '../../common/model/runbook.js';
import type { PlaceholderPath } from '../../common/runbook-placeholders.js';
import type { CommandTemplate } from './command-template.js';
import type { LabelMatcher } from './label-matchers.js';

/** A runbook file as loaded: checked once, then rendered for any number of incidents. */
export interface Runbook {
  id: string;
  title: string;
  /** Absolute path of the file. */
  path: string;
  /** Path inside its folder with `/` separators: what URL-to-file resolution compares. */
  relativePath: string;
  origin: RunbookOrigin;
  /** The GitHub repository (`owner/name`, lower case) its folder is a clone of, if any. */
  repo?: string;
  /** Runme's `shell`, when the front matter sets one. */
  shell?: string;
  /** Entries OR-ed; the matchers of one entry AND-ed. */
  match: LabelMatcher[][];
  /** Normalised with `normaliseUrl`. */
  runbookUrls: string[];
  /**
   * Environment variable → placeholder path. Absent: every label is exported under its name in
   * upper case, so upstream `$NAMESPACE` runbooks work without any Onwatch front matter.
   */
  env?: Record<string, PlaceholderPath>;
  requires: string[];
  redact: RegExp[];
  transcript: TranscriptPolicy;
  segments: RunbookSegment[];
  steps: RunbookStep[];
  /** Placeholders the prose uses, so a rendering sends their values and no others. */
  prosePlaceholders: PlaceholderPath[];
}

export interface RunbookStep {
  name: string;
  section?: string;
  language: string;
  line: number;
  command: CommandTemplate;
  /** Every attribute of the fence, ours, Runme's and unknown ones alike. */
  attributes: Record<string, string>;
  excludeFromRunAll: boolean;
  /** `onwatch.danger` as the author gave it. */
  dangerMark?: string;
  /** `onwatch.confirm`: a placeholder's value or literal text the responder must type. */
  confirm?: { path: PlaceholderPath } | { literal: string };
  /** Environment variables (from `env`) the command reads as `$NAME` or `${NAME}`. */
  envUsed: string[];
  checklist: ChecklistItem[];
}
