import { describe, expect, it } from 'vitest';
import { RunbookFileError } from '../../../../electron/core/runbooks/front-matter.js';
import { parseRunbook } from '../../../../electron/core/runbooks/parse-runbook.js';

const file = {
  path: '/rb/kubernetes/KubePodCrashLooping.md',
  relativePath: 'kubernetes/KubePodCrashLooping.md',
  origin: 'user' as const,
};

const example = `---
shell: bash
onwatch:
  id: kube-pod-crashlooping
  title: Pod is crash-looping
  match:
    - ['alertname="KubePodCrashLooping"']
    - ['alertname=~"KubePod(NotReady|CrashLooping)"', 'severity="critical"']
  runbook_urls:
    - https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/
  env:
    NAMESPACE: labels.namespace
    POD: labels.pod
  requires: [kubectl]
  redact: ['(?i)(token|password)=\\S+']
  transcript: ask
---
# KubePodCrashLooping

Pod {{labels.pod}} restarts.

## 1. Look at the pod
\`\`\`sh {"name":"describe-pod","interactive":"true"}
### a label line Runme drops
kubectl -n {{labels.namespace}} describe pod {{labels.pod}}
\`\`\`
- [ ] Last state shows OOMKilled?
- [x] Image pull errors
  on a second line?

Still about step one.

\`\`\`text
Example output, shown as written: {{ not a placeholder here }}
\`\`\`
* [ ] Restarts in the last hour?

## 2. Restart it
1. First this:

   \`\`\`bash { name=delete-pod excludeFromRunAll=true onwatch.danger=true onwatch.confirm=labels.pod }
   kubectl -n "$NAMESPACE" delete pod "$POD"
   \`\`\`

\`\`\`sh
echo unnamed
\`\`\`
`;

function broken(text: string): RunbookFileError {
  try {
    parseRunbook(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(RunbookFileError);
    return error as RunbookFileError;
  }
  throw new Error('expected the file to be refused');
}

describe('parseRunbook', () => {
  it('reads the RUNBOOKS.md §1.5 format', () => {
    const runbook = parseRunbook(example, file);
    expect(runbook).toMatchObject({
      id: 'kube-pod-crashlooping',
      title: 'Pod is crash-looping',
      shell: 'bash',
      runbookUrls: [
        'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
      ],
      env: { NAMESPACE: 'labels.namespace', POD: 'labels.pod' },
      requires: ['kubectl'],
      transcript: 'ask',
      prosePlaceholders: ['labels.pod'],
    });
    expect(runbook.match.map((entry) => entry.map((m) => m.text))).toEqual([
      ['alertname="KubePodCrashLooping"'],
      ['alertname=~"KubePod(NotReady|CrashLooping)"', 'severity="critical"'],
    ]);
    expect(runbook.redact[0]!.flags).toContain('i');
  });

  it('makes steps of shell fences, with sections, checklists and Runme attributes', () => {
    const { steps } = parseRunbook(example, file);
    expect(steps.map((s) => [s.name, s.section, s.language, s.line])).toEqual([
      ['describe-pod', '1. Look at the pod', 'sh', 23],
      ['delete-pod', '2. Restart it', 'bash', 41],
      ['step-3', '2. Restart it', 'sh', 45],
    ]);
    expect(steps[0]!.command.source).toBe(
      'kubectl -n {{labels.namespace}} describe pod {{labels.pod}}',
    );
    expect(steps[0]!.attributes).toEqual({ name: 'describe-pod', interactive: 'true' });
    expect(steps[0]!.checklist).toEqual([
      { id: 'last-state-shows-oomkilled', text: 'Last state shows OOMKilled?' },
      { id: 'image-pull-errors-on-a-second-line', text: 'Image pull errors on a second line?' },
      { id: 'restarts-in-the-last-hour', text: 'Restarts in the last hour?' },
    ]);
    expect(steps[1]).toMatchObject({
      excludeFromRunAll: true,
      dangerMark: 'true',
      confirm: { path: 'labels.pod' },
      envUsed: ['NAMESPACE', 'POD'],
    });
    expect(steps[1]!.command.source).toBe('kubectl -n "$NAMESPACE" delete pod "$POD"');
    expect(steps[2]!.checklist).toEqual([]);
  });

  it('keeps prose in order, checklist lines out of it, and other code as written', () => {
    const { segments } = parseRunbook(example, file);
    expect(
      segments.map((s) => (s.kind === 'step' ? `step ${s.step}` : s.literal ? 'code' : 'prose')),
    ).toEqual(['prose', 'step 0', 'prose', 'code', 'prose', 'step 1', 'step 2']);
    const prose = segments.flatMap((s) => (s.kind === 'prose' ? [s.markdown] : [])).join('\n');
    expect(prose).toContain('Still about step one.');
    expect(prose).not.toContain('OOMKilled');
    expect(prose).toContain('{{ not a placeholder here }}');
  });

  it("falls back to Hugo's title, the first heading and the path for title and id", () => {
    const upstream = parseRunbook(
      '---\ntitle: Kube Pod Crash Looping\nweight: 20\n---\n# KubePodCrashLooping\n',
      file,
    );
    expect(upstream).toMatchObject({
      id: 'kubernetes/kubepodcrashlooping',
      title: 'Kube Pod Crash Looping',
      match: [],
    });
    expect(parseRunbook('# Just a heading\n', file).title).toBe('Just a heading');
    expect(parseRunbook('no heading', file).title).toBe('kubernetes/KubePodCrashLooping.md');
  });

  it('refuses broken files with the line of the problem', () => {
    const cases: [string, RegExp, number | undefined][] = [
      ['---\nonwatch:\n  match: [\n---\n', /bad YAML in the front matter/, 3],
      ['---\nonwatch:\n  id: a\n  id: b\n---\n', /bad YAML.*unique/, 4],
      [
        '---\nonwatch:\n  match:\n    - ["alertname"]\n---\n',
        /onwatch\.match\[0\]: not a matcher/,
        4,
      ],
      ['---\nonwatch:\n  mach: []\n---\n', /onwatch: Unrecognized key: "mach"/, 3],
      ['---\nonwatch:\n  transcript: sometimes\n---\n', /onwatch\.transcript/, 3],
      [
        '---\nonwatch:\n  env:\n    NS: namespace\n---\n',
        /onwatch\.env\.NS: "namespace" names no value/,
        4,
      ],
      ['---\nonwatch:\n  runbook_urls: ["javascript:alert(1)"]\n---\n', /only http and https/, 3],
      ['---\nonwatch:\n  redact: ["(?i)a(?s)b"]\n---\n', /onwatch\.redact\[0\]/, 3],
      ['---\nonwatch: {}\n', /no closing ---/, 1],
      ['+++\ntitle = "x"\n+++\n', /TOML/, 1],
      [
        '# T\n\nSee {{labels.pod}} and {{incident.title}}.\n',
        /unknown placeholder \{\{incident\.title\}\}/,
        3,
      ],
      ['# T\n```sh\nls\necho `{{labels.a}}`\n```\n', /backticks/, 4],
      [
        '# T\n```sh {"name":"a"}\nls\n```\n```sh {"name":"a"}\nls\n```\n',
        /two steps are named "a"/,
        5,
      ],
      ['# T\n```sh {"onwatch.confirm":"{{labels.pod}}"}\nls\n```\n', /cannot contain "\}"/, 2],
      ['# T\n```sh\nls\n```\n- [ ] check {{labels.x | upper}}\n', /unknown filter/, 5],
    ];
    for (const [text, message, line] of cases) {
      const error = broken(text);
      expect(error.message, text).toMatch(message);
      expect(error.line, text).toBe(line);
    }
  });

  it('takes commands without placeholders as written, Go templates and stray quotes included', () => {
    const text = [
      '# T',
      '```shell',
      "kubectl get pods -o go-template='{{range .items}}{{.metadata.name}}{{end}}'",
      "echo don't worry, this is an output sample",
      '```',
    ].join('\n');
    expect(parseRunbook(text, file).steps[0]!.command.parts).toEqual([
      { text: text.split('\n').slice(2, 4).join('\n') },
    ]);
  });

  it('reads fences the way CommonMark does where it matters', () => {
    const text = [
      '# T',
      '    ```sh',
      '    indented code, not a fence',
      '    ```',
      '~~~~text',
      '```sh',
      'a longer fence is closed only by its own kind',
      '~~~~',
      '```sh {"name":"unclosed"}',
      'runs to the end',
    ].join('\n');
    const { steps, segments } = parseRunbook(text, file);
    expect(steps.map((s) => [s.name, s.command.source])).toEqual([['unclosed', 'runs to the end']]);
    expect(segments[0]).toMatchObject({ kind: 'prose', literal: false });
    expect(segments[1]).toEqual({
      kind: 'prose',
      literal: true,
      markdown: '~~~~text\n```sh\na longer fence is closed only by its own kind\n~~~~',
    });
  });
});
