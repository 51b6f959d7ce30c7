import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { noCapabilities } from '../../../../electron/common/model/incident.js';
import { fakePtyHost } from '../../../support/fake-pty.js';
import { anIncident } from '../../../support/incidents.js';
import { until } from '../../../support/until.js';
import { workbenchHarness } from '../../../support/workbench-harness.js';

const osc = (mark: string) => `\x1b]133;${mark}\x07`;

const runbook = (id: string, transcript = 'ask') => `---
onwatch:
  id: ${id}
  match:
    - ['alertname="Login"']
  redact: ['session=(?<secret>\\w+)']
  transcript: ${transcript}
---
# Logins fail

\`\`\`sh {"name":"probe"}
curl -s https://login.internal/health
\`\`\`
`;

const withNotes = anIncident({
  externalId: 'n1',
  labels: { alertname: 'Login' },
  capabilities: { ...noCapabilities, ack: true, note: true },
});
const withoutNotes = anIncident({
  sourceId: 'am',
  externalId: 'a1',
  labels: { alertname: 'Login', env: 'am' },
});

let harness: Awaited<ReturnType<typeof workbenchHarness>>;
let ptys: ReturnType<typeof fakePtyHost>;

beforeEach(async () => {
  ptys = fakePtyHost();
  harness = await workbenchHarness({
    ptyHost: ptys.host,
    runbooks: {
      'login.md': runbook('login'),
      'quiet.md': runbook('quiet', 'never'),
      'loud.md': runbook('loud', 'always'),
    },
    incidents: [withNotes, withoutNotes],
  });
});

afterEach(() => harness.stop());

/** Runs the probe step of `runbookId` in the incident's terminal; it prints `output`, exit 0. */
async function probe(key: string, runbookId: string, output: string): Promise<string> {
  const info = await harness.terminals.open({ incidentKey: key, cols: 80, rows: 24 });
  const pty = ptys.spawned.at(-1)!.pty;
  pty.print(`${osc('A')}$ ${osc('B')}`);
  await until(() => harness.terminals.info(info.id)?.integrated === true, 'the prompt mark');
  harness.desk.runStep(info.id, { key, runbookId, step: 'probe' });
  pty.print(`\r\n${osc('C')}${output}\r\n${osc('D;0')}`);
  await until(
    () => harness.terminals.commands(info.id).some((r) => r.state === 'finished'),
    'the step to finish',
  );
  return info.id;
}

describe('runbook transcripts', () => {
  it('previews the note, redacted, and sends each text once as a note', async () => {
    await probe(withNotes.key, 'login', 'ok session=abc123');
    const preview = harness.transcripts.preview(withNotes.key, 'login');
    expect(preview).toMatchObject({ delivery: 'note', steps: 1, shortened: false });
    expect(preview.explanation).toContain('Source am as a note');
    expect(preview.text).toMatch(/^Runbook transcript: Logins fail \(login\), 1 step\n/);
    expect(preview.text).toContain('## probe: exit 0');
    expect(preview.text).toContain('ok session=[redacted]');
    expect(preview.text).not.toContain('abc123');

    // An edit cannot put a secret back: the sent text is redacted again.
    const edited = `${preview.text}\nseen with session=zzz999`;
    const first = await harness.transcripts.post(withNotes.key, 'login', edited);
    expect(first).toMatchObject({ delivery: 'note', actionId: 'note-1', alreadyPosted: false });
    expect(harness.notes).toHaveLength(1);
    expect(harness.notes[0]!.text).toContain('session=[redacted]');
    expect(harness.notes[0]!.text).not.toContain('zzz999');

    const again = await harness.transcripts.post(withNotes.key, 'login', edited);
    expect(again).toMatchObject({ actionId: 'note-1', alreadyPosted: true });
    expect(harness.notes).toHaveLength(1);
    expect(harness.progress.get(withNotes.key, 'login').transcripts).toHaveLength(1);

    // The full copy is kept locally every time, redacted too.
    const saved = await readFile(first.savedTo, 'utf8');
    expect(saved).toContain('## probe: exit 0');
    expect(saved).not.toContain('abc123');
  });

  it('keeps it locally, and says why, where the source takes no notes or the runbook says never', async () => {
    await probe(withoutNotes.key, 'login', 'fine');
    const preview = harness.transcripts.preview(withoutNotes.key, 'login');
    expect(preview.delivery).toBe('local');
    expect(preview.explanation).toContain('keeps no notes');
    const posted = await harness.transcripts.post(withoutNotes.key, 'login', preview.text);
    expect(posted).toMatchObject({ delivery: 'local', alreadyPosted: false });
    expect(posted.actionId).toBeUndefined();

    await probe(withNotes.key, 'quiet', 'fine');
    const quiet = harness.transcripts.preview(withNotes.key, 'quiet');
    expect(quiet).toMatchObject({ delivery: 'local' });
    expect(quiet.explanation).toContain('transcript: never');
    await harness.transcripts.post(withNotes.key, 'quiet', quiet.text);
    expect(harness.notes).toEqual([]);
  });

  it('refuses a preview before any step ran, and keeps a terminal’s transcripts when it closes', async () => {
    expect(() => harness.transcripts.preview(withNotes.key, 'login')).toThrow(/No step/);
    const id = await probe(withNotes.key, 'login', 'closing time');
    await harness.terminals.close(id);
    const dir = join(harness.dir, 'transcripts', 'am-n1');
    const [file] = await readdir(dir);
    expect(file).toMatch(/^login-.*\.txt$/);
    expect(await readFile(join(dir, file!), 'utf8')).toContain('closing time');
  });

  it('sends a `transcript: always` runbook’s transcript by itself when the terminal closes, once', async () => {
    const id = await probe(withNotes.key, 'loud', 'all good session=abc123');
    await harness.terminals.close(id);
    await until(() => harness.notes.length > 0, 'the note');
    expect(harness.notes).toHaveLength(1);
    expect(harness.notes[0]!.text).toMatch(/^Runbook transcript: Logins fail \(loud\), 1 step\n/);
    expect(harness.notes[0]!.text).toContain('all good session=[redacted]');
    expect(harness.progress.get(withNotes.key, 'loud').transcripts).toHaveLength(1);

    // The ask and never runbooks wait for the responder, or stay local.
    const asked = await probe(withNotes.key, 'login', 'fine');
    await harness.terminals.close(asked);
    expect(harness.notes).toHaveLength(1);
  });
});
