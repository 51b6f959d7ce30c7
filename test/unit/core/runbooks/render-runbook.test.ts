import { describe, expect, it } from 'vitest';
import { renderedRunbookSchema } from '../../../../electron/common/model/runbook.js';
import { incidentFacts } from '../../../../electron/core/runbooks/incident-facts.js';
import { parseRunbook } from '../../../../electron/core/runbooks/parse-runbook.js';
import { renderRunbook } from '../../../../electron/core/runbooks/render-runbook.js';
import { exportLine } from '../../../../electron/core/runbooks/shell-quote.js';
import { anIncident } from '../../../support/incidents.js';

const file = { path: '/rb/pods.md', relativePath: 'pods.md', origin: 'user' as const };

function render(body: string, labels: Record<string, string>, frontMatter = '', annotations = {}) {
  const text = frontMatter ? `---\nonwatch:\n${frontMatter}\n---\n${body}` : body;
  const incident = anIncident({
    externalId: 'P123',
    webUrl: 'https://pd.example/incidents/P123',
    labels,
  });
  return renderRunbook(parseRunbook(text, file), incidentFacts(incident, annotations));
}

const step = (body: string, labels: Record<string, string>, frontMatter = '') =>
  render(body, labels, frontMatter).steps[0]!;

describe('renderRunbook', () => {
  it('fills every placeholder kind, quoted', () => {
    const rendered = render(
      '```sh\necho {{labels.pod}} {{annotations.summary}} {{incident.id}} {{incident.url}} {{source}}\n```',
      { pod: 'web-1' },
      '',
      { summary: 'Pod is down' },
    );
    expect(rendered.steps[0]).toMatchObject({
      command: "echo 'web-1' 'Pod is down' 'P123' 'https://pd.example/incidents/P123' 'am'",
      blockedBy: [],
      inRunAll: true,
    });
    expect(renderedRunbookSchema.parse(rendered)).toEqual(rendered);
  });

  it('blocks a step whose value is missing or empty, naming it, instead of filling in blanks', () => {
    const blocked = step(
      '```sh\nkubectl -n {{labels.namespace}} logs {{labels.pod}} {{annotations.c}}\n```',
      {
        pod: '',
      },
    );
    expect(blocked.command).toBeUndefined();
    expect(blocked.inRunAll).toBe(false);
    expect(blocked.blockedBy).toEqual([
      'needs label namespace ({{labels.namespace}}), which this incident does not carry',
      'needs label pod ({{labels.pod}}), which this incident does not carry',
      'needs annotation c ({{annotations.c}}), which this incident does not carry',
    ]);
    expect(blocked.template).toBe(
      'kubectl -n {{labels.namespace}} logs {{labels.pod}} {{annotations.c}}',
    );
  });

  it('never inserts a value with control characters, which a terminal reads as keys', () => {
    for (const value of ['a\rrm -rf ~\r', 'a\u0003touch x\r', 'a\u001b[201~touch x', 'a\ttab']) {
      expect(step('```sh\necho {{labels.v}}\n```', { v: value }).blockedBy).toEqual([
        'label v holds control characters, which are never typed into a terminal',
      ]);
    }
    expect(step('```sh\necho {{labels.v}}\n```', { v: 'two\nlines' }).command).toBe(
      "echo 'two\nlines'",
    );
  });

  it('inserts raw values only when they are plain characters', () => {
    expect(
      step('```sh\ncurl http://{{labels.instance | raw}}/metrics\n```', { instance: 'db-1:9100' })
        .command,
    ).toBe('curl http://db-1:9100/metrics');
    expect(step('```sh\necho {{labels.v | raw}}\n```', { v: 'a b' }).blockedBy).toEqual([
      'label v has characters {{labels.v | raw}} cannot insert unquoted; drop "| raw"',
    ]);
  });

  it('exports the mapped labels, and blocks steps that read a variable it cannot set', () => {
    const rendered = render(
      '```sh\nkubectl -n "$NAMESPACE" get pod "${POD}"\n```\n```sh\necho $NAMESPACE_OTHER\n```',
      { namespace: 'shop' },
      '  env:\n    NAMESPACE: labels.namespace\n    POD: labels.pod',
    );
    expect(rendered.env).toEqual({ NAMESPACE: 'shop' });
    expect(rendered.steps[0]!.blockedBy).toEqual([
      'needs label pod, which this incident does not carry (for $POD)',
    ]);
    expect(rendered.steps[1]!.blockedBy).toEqual([]);
    expect(exportLine({ NAMESPACE: "it's" })).toBe(`export NAMESPACE='it'\\''s'`);
    expect(exportLine({})).toBeUndefined();
  });

  it('exports every label in upper case when the runbook maps none', () => {
    const rendered = render('# upstream runbook', {
      namespace: 'shop',
      'app.kubernetes.io/name': 'web',
      '9lives': 'cat',
      bad: 'x\u0007',
    });
    expect(rendered.env).toEqual({
      NAMESPACE: 'shop',
      APP_KUBERNETES_IO_NAME: 'web',
      _9LIVES: 'cat',
    });
  });

  it('marks danger from the author, the pattern list and the filled-in command', () => {
    const rendered = render(
      [
        '```sh {"name":"marked","onwatch.danger":"true"}\nsystemctl restart app\n```',
        '```sh {"name":"reason","onwatch.danger":"drops the cache"}\nredis-cli flushall\n```',
        '```sh {"name":"pattern"}\nkubectl delete pod {{labels.pod}}\n```',
        '```sh {"name":"raw-flag"}\nhelm upgrade web ./chart {{labels.flag | raw}}\n```',
        '```sh {"name":"unmarked-false","onwatch.danger":"false"}\nrm -rf /tmp/cache\n```',
        '```sh {"name":"confirm-only","onwatch.confirm":"labels.pod"}\necho restart\n```',
        '```sh {"name":"literal-confirm","onwatch.danger":"true","onwatch.confirm":"yes-really"}\necho go\n```',
        '```sh {"name":"safe","excludeFromRunAll":"true"}\nuptime\n```',
      ].join('\n'),
      { pod: 'web-1', flag: '--force' },
    );
    const byName = Object.fromEntries(rendered.steps.map((s) => [s.name, s]));
    expect(byName.marked!.danger).toEqual(['marked dangerous in the runbook']);
    expect(byName.reason!.danger).toEqual(['drops the cache']);
    expect(byName.pattern!.danger).toEqual([
      'deletes or drains Kubernetes resources (kubectl delete/drain)',
    ]);
    expect(byName['raw-flag']!.danger).toEqual(['forces an operation (--force)']);
    expect(byName['unmarked-false']!.danger).toEqual(['deletes files recursively (rm -rf)']);
    expect(byName['confirm-only']).toMatchObject({
      danger: ['asks for a typed confirmation'],
      confirmValue: 'web-1',
    });
    expect(byName['literal-confirm']!.confirmValue).toBe('yes-really');
    expect(rendered.steps.filter((s) => s.inRunAll)).toEqual([]);
  });

  it('blocks a confirmation it cannot fill', () => {
    expect(step('```sh {"onwatch.confirm":"labels.pod"}\necho x\n```', {}).blockedBy).toEqual([
      'the confirmation needs label pod, which this incident does not carry',
    ]);
  });

  it('sends the values prose needs, and only those', () => {
    const rendered = render(
      'Pod {{labels.pod}} in {{labels.ns}}\n```sh\necho {{labels.secretish}}\n```',
      {
        pod: '<b>web</b>',
        secretish: 'x',
      },
    );
    expect(rendered.values).toEqual({ 'labels.pod': '<b>web</b>' });
  });
});
