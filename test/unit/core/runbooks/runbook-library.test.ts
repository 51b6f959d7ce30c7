import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  runbookMatchSchema,
  runbookProblemSchema,
  runbookSummarySchema,
} from '../../../../electron/common/model/runbook.js';
import { incidentFacts } from '../../../../electron/core/runbooks/incident-facts.js';
import { RunbookLibrary } from '../../../../electron/core/runbooks/runbook-library.js';
import {
  runbookFolders,
  shippedRunbooksDir,
} from '../../../../electron/core/runbooks/runbook-folders.js';
import { writeDraft } from '../../../../electron/core/runbooks/runbook-draft.js';
import { anIncident } from '../../../support/incidents.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { until } from '../../../support/until.js';

const runbookText = (id: string, alertname: string, title = id) =>
  `---\nonwatch:\n  id: ${id}\n  title: ${title}\n  match:\n    - ['alertname="${alertname}"']\n---\n# ${title}\n\n\`\`\`sh\necho {{labels.alertname}}\n\`\`\`\n`;

let dir: { path: string; remove: () => Promise<void> };
let library: RunbookLibrary | undefined;

beforeEach(async () => {
  dir = await makeTempDir('onwatch-runbooks-');
});

afterEach(async () => {
  library?.close();
  library = undefined;
  await dir.remove();
});

const ids = () => library!.list().map((r) => r.id);
const problems = () =>
  library!
    .problems()
    .map((p) => `${p.path.slice(dir.path.length + 1)}:${p.line ?? ''} ${p.message}`);

describe('RunbookLibrary', () => {
  it('loads every folder in order, nested files included, and lists broken files without stopping', async () => {
    const user = join(dir.path, 'user');
    const team = join(dir.path, 'team');
    await mkdir(join(user, 'nested', 'deeper'), { recursive: true });
    await mkdir(team);
    await writeFile(join(user, 'a.md'), runbookText('a', 'A'));
    await writeFile(join(user, 'nested', 'deeper', 'b.md'), runbookText('b', 'B'));
    await writeFile(join(user, 'bad-yaml.md'), '---\nonwatch:\n  match: [\n---\n');
    await writeFile(
      join(user, 'bad-matcher.md'),
      "---\nonwatch:\n  match:\n    - ['alertname']\n---\n",
    );
    await writeFile(join(user, 'bad-placeholder.md'), '# X\n\n{{label.pod}}\n');
    await writeFile(join(user, 'notes.txt'), 'not markdown');
    await writeFile(join(user, '.hidden.md'), runbookText('hidden', 'H'));
    await writeFile(join(user, '_index.md'), runbookText('index', 'I'));
    await writeFile(join(team, 'a-again.md'), runbookText('a', 'A2'));
    await writeFile(join(team, 'c.md'), runbookText('c', 'C'));

    library = await RunbookLibrary.open({
      folders: [
        { path: user, origin: 'user' },
        { path: team, origin: 'user' },
        { path: join(dir.path, 'absent'), origin: 'user' },
      ],
      watch: false,
    });

    expect(ids()).toEqual(['a', 'b', 'c']);
    expect(library.list()[1]).toMatchObject({
      path: join(user, 'nested', 'deeper', 'b.md'),
      steps: 1,
      match: ['alertname="B"'],
    });
    expect(problems()).toEqual([
      'user/bad-matcher.md:4 onwatch.match[0]: not a matcher: "alertname" (write it as name="value", !=, =~ or !~)',
      'user/bad-placeholder.md:3 unknown placeholder {{label.pod}}; a runbook may use {{labels.x}}, {{annotations.x}}, {{incident.id}}, {{incident.url}}, {{source}}',
      expect.stringMatching(/^user\/bad-yaml\.md:3 bad YAML in the front matter/),
      `team/a-again.md: the id "a" is already used by ${join(user, 'a.md')}`,
    ]);
    // What the window will receive crosses the contract as these ground-floor shapes.
    for (const summary of library.list())
      expect(runbookSummarySchema.parse(summary)).toEqual(summary);
    for (const problem of library.problems())
      expect(runbookProblemSchema.parse(problem)).toEqual(problem);
    expect(library.folderStatuses().map((f) => [f.state, f.files])).toEqual([
      ['ok', 5],
      ['ok', 2],
      ['missing', 0],
    ]);
  });

  it('matches and renders through the loaded runbooks, and offers a draft when none fits', async () => {
    await writeFile(join(dir.path, 'a.md'), runbookText('a', 'ApiErrors'));
    library = await RunbookLibrary.open({
      folders: [{ path: dir.path, origin: 'user' }],
      watch: false,
    });
    const facts = incidentFacts(anIncident());
    expect(library.match(facts).candidates.map((c) => c.runbookId)).toEqual(['a']);
    expect(library.render('a', facts)?.steps[0]?.command).toBe("echo 'ApiErrors'");
    expect(library.render('nope', facts)).toBeUndefined();

    const other = anIncident({
      labels: { alertname: 'Unknown' },
      links: [{ label: 'Runbook', url: 'https://wiki.example/unknown' }],
    });
    const none = library.match(incidentFacts(other));
    expect(none).toMatchObject({ candidates: [], runbookUrl: 'https://wiki.example/unknown' });
    expect(none.draft?.fileName).toBe('Unknown.md');
    expect(runbookMatchSchema.parse(none)).toEqual(none);
    expect(library.draftFolder()).toBe(dir.path);
  });

  it('reloads an edited, added, renamed or deleted runbook without a restart', async () => {
    await writeFile(join(dir.path, 'a.md'), runbookText('a', 'A', 'First'));
    library = await RunbookLibrary.open({
      folders: [{ path: dir.path, origin: 'user' }],
      debounceMs: 20,
    });
    let changes = 0;
    library.onChange(() => changes++);
    const titles = () => library!.list().map((r) => `${r.id}:${r.title}`);

    await writeFile(join(dir.path, 'a.md'), runbookText('a', 'A', 'Edited'));
    await until(() => titles().join() === 'a:Edited', 'the edit');
    expect(changes).toBeGreaterThan(0);
    // Reading unchanged files again tells nobody.
    const before = changes;
    await library.reload();
    expect(changes).toBe(before);

    // Written at once: the file may land before the new folder is watched.
    await mkdir(join(dir.path, 'sub'));
    await writeFile(join(dir.path, 'sub', 'b.md'), runbookText('b', 'B'));
    await until(() => titles().join() === 'a:Edited,b:b', 'a file in a new subfolder');

    await writeFile(join(dir.path, 'a.md'), '---\nonwatch: [\n---\n');
    await until(() => titles().join() === 'b:b' && problems().length === 1, 'the broken edit');

    await rename(join(dir.path, 'a.md'), join(dir.path, 'z.md'));
    await until(() => problems()[0]?.startsWith('z.md') === true, 'the rename');

    await rm(join(dir.path, 'z.md'));
    await rm(join(dir.path, 'sub'), { recursive: true });
    await until(() => titles().length === 0 && problems().length === 0, 'the deletes');
  });

  it('notices a folder that is created after it started, and a draft written into it', async () => {
    const folder = join(dir.path, 'runbooks');
    library = await RunbookLibrary.open({
      folders: [{ path: folder, origin: 'user' }],
      debounceMs: 20,
    });
    expect(library.folderStatuses()[0]?.state).toBe('missing');
    const draft = library.match(incidentFacts(anIncident({ title: 'API errors' }))).draft!;
    const written = await writeDraft(library.draftFolder()!, draft);
    expect(written).toBe(join(folder, 'ApiErrors.md'));
    await until(() => ids().includes('apierrors'), 'the draft');
    expect(library.match(incidentFacts(anIncident())).candidates.map((c) => c.path)).toEqual([
      written,
    ]);
    // A second draft for the same alert never overwrites the first.
    expect(await writeDraft(folder, draft)).toBe(join(folder, 'ApiErrors-2.md'));
  });

  it('reads other folders when settings change, and says so', async () => {
    await mkdir(join(dir.path, 'one'));
    await mkdir(join(dir.path, 'two'));
    await writeFile(join(dir.path, 'one', 'a.md'), runbookText('a', 'A'));
    await writeFile(join(dir.path, 'two', 'b.md'), runbookText('b', 'B'));
    library = await RunbookLibrary.open({
      folders: [{ path: join(dir.path, 'one'), origin: 'user' }],
    });
    let changes = 0;
    library.onChange(() => changes++);
    await library.setFolders([{ path: join(dir.path, 'two'), origin: 'user' }]);
    expect(ids()).toEqual(['b']);
    expect(changes).toBe(1);
  });

  it('refuses files too large to be a runbook', async () => {
    await writeFile(join(dir.path, 'huge.md'), `# Huge\n${'x'.repeat(1024 * 1024)}`);
    library = await RunbookLibrary.open({
      folders: [{ path: dir.path, origin: 'user' }],
      watch: false,
    });
    expect(problems()).toEqual(['huge.md: the file is larger than 1024 KiB']);
  });

  it('reads the user folders first and the shipped drill runbooks last', () => {
    expect(runbookFolders({ appRoot: '/app', dataDir: '/data' })).toEqual([
      { path: join('/data', 'runbooks'), origin: 'user' },
      { path: shippedRunbooksDir('/app'), origin: 'shipped' },
    ]);
    expect(
      runbookFolders({
        appRoot: '/app',
        dataDir: '/data',
        userFolders: [{ path: '/clone', repo: 'acme/runbooks' }],
      })[0],
    ).toEqual({ path: '/clone', repo: 'acme/runbooks', origin: 'user' });
  });
});
