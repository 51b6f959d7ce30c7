import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../electron/common/model/incident.js';
import { incidentFacts } from '../../../../electron/core/runbooks/incident-facts.js';
import { parseRunbook } from '../../../../electron/core/runbooks/parse-runbook.js';
import { draftRunbook } from '../../../../electron/core/runbooks/runbook-draft.js';
import {
  indexRunbooks,
  matchRunbooks,
} from '../../../../electron/core/runbooks/runbook-matching.js';
import { anIncident } from '../../../support/incidents.js';

function runbook(relativePath: string, onwatch: string, repo?: string) {
  const text = onwatch
    ? `---\nonwatch:\n${onwatch}\n---\n# ${relativePath}\n`
    : `# ${relativePath}\n`;
  return parseRunbook(text, { path: `/rb/${relativePath}`, relativePath, origin: 'user', repo });
}

const crashLoop = anIncident({
  labels: {
    alertname: 'KubePodCrashLooping',
    severity: 'critical',
    namespace: 'shop',
    pod: 'web-1',
  },
  links: [
    {
      label: 'Runbook',
      url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    },
  ],
});

const match = (runbooks: ReturnType<typeof runbook>[], incident: Incident) =>
  matchRunbooks(indexRunbooks(runbooks), incidentFacts(incident)).map(
    (c) => `${c.via} ${c.runbookId}: ${c.rule}`,
  );

describe('matchRunbooks', () => {
  const byName = runbook(
    'by-name.md',
    `  id: by-name\n  match:\n    - ['alertname="KubePodCrashLooping"']`,
  );
  const narrower = runbook(
    'narrower.md',
    `  id: narrower\n  match:\n    - ['alertname=~"KubePod.*"']\n    - ['alertname=~"KubePod.*"', 'namespace="shop"']`,
  );
  const alsoTwo = runbook(
    'also-two.md',
    `  id: also-two\n  match:\n    - ['severity="critical"', 'pod=~"web-.*"']`,
  );
  const byUrl = runbook(
    'by-url.md',
    `  id: by-url\n  runbook_urls: ['https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/']`,
  );
  const upstream = runbook('content/runbooks/kubernetes/KubePodCrashLooping.md', '');

  it("prefers the runbook that lists the incident's link, trailing slash or not", () => {
    expect(match([byName, narrower, upstream, byUrl], crashLoop)).toEqual([
      'runbook-url by-url: https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    ]);
  });

  it('then resolves the link to a file by the prometheus-operator layout', () => {
    expect(match([byName, narrower, upstream], crashLoop)).toEqual([
      'url-path content/runbooks/kubernetes/kubepodcrashlooping: https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    ]);
  });

  it('resolves a GitHub blob link against the clone of that repository, any ref', () => {
    const clone = runbook(
      'content/runbooks/node/NodeDiskFull.md',
      `  id: in-clone`,
      'acme/runbooks',
    );
    const elsewhere = runbook('content/runbooks/node/other.md', `  id: elsewhere`, 'acme/runbooks');
    const link = (url: string) => anIncident({ labels: {}, links: [{ label: 'Runbook', url }] });
    for (const url of [
      'https://github.com/acme/runbooks/blob/main/content/runbooks/node/NodeDiskFull.md',
      'https://github.com/Acme/Runbooks/blob/release/2.1/content/runbooks/node/NodeDiskFull.md',
    ]) {
      expect(match([clone, elsewhere], link(url))).toEqual([`url-path in-clone: ${url}`]);
    }
    expect(
      match(
        [clone],
        link('https://github.com/other/runbooks/blob/main/content/runbooks/node/NodeDiskFull.md'),
      ),
    ).toEqual([
      // Another repository's link still finds the file by the layout rule (its last two segments).
      'url-path in-clone: https://github.com/other/runbooks/blob/main/content/runbooks/node/NodeDiskFull.md',
    ]);
    expect(match([clone], link('https://github.com/acme/runbooks/blob/main/README.md'))).toEqual(
      [],
    );
  });

  it('then takes the match entries with the most matchers, offering ties as a choice', () => {
    expect(match([byName, narrower, alsoTwo], crashLoop)).toEqual([
      'match-rule narrower: alertname=~"KubePod.*", namespace="shop"',
      'match-rule also-two: severity="critical", pod=~"web-.*"',
    ]);
    expect(
      match([byName, narrower], anIncident({ labels: { alertname: 'KubePodCrashLooping' } })),
    ).toEqual([
      'match-rule by-name: alertname="KubePodCrashLooping"',
      'match-rule narrower: alertname=~"KubePod.*"',
    ]);
  });

  it('finds nothing for an incident no runbook is for', () => {
    expect(
      match([byName, narrower, byUrl], anIncident({ labels: { alertname: 'Other' } })),
    ).toEqual([]);
  });

  it('ignores links that are not runbook links, or not http(s)', () => {
    const incident = anIncident({
      labels: {},
      links: [
        {
          label: 'Source',
          url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
        },
        { label: 'Runbook', url: 'javascript:alert(1)' },
      ],
    });
    expect(incidentFacts(incident).runbookUrls).toEqual([]);
    expect(
      incidentFacts(incident, { runbook_url: 'https://wiki.example/rb/x/' }).runbookUrls,
    ).toEqual(['https://wiki.example/rb/x']);
  });
});

describe('draftRunbook', () => {
  it('writes a file that loads and matches the alert it was made for', () => {
    const incident = anIncident({
      title: 'Payment webhooks failing: {{ 38% }}',
      labels: {
        alertname: 'WebhookDeliveryErrors',
        service: 'payments "gw"',
        provider: "stripe's",
        'bad-name': 'x',
      },
      links: [{ label: 'Runbook', url: 'https://wiki.example/runbooks/webhooks' }],
    });
    const draft = draftRunbook(incidentFacts(incident));
    expect(draft.fileName).toBe('WebhookDeliveryErrors.md');
    const loaded = parseRunbook(draft.markdown, {
      path: '/rb/d.md',
      relativePath: 'd.md',
      origin: 'user',
    });
    expect(loaded).toMatchObject({
      id: 'webhookdeliveryerrors',
      title: 'Payment webhooks failing: {{ 38% }}',
      env: {
        ALERTNAME: 'labels.alertname',
        SERVICE: 'labels.service',
        PROVIDER: 'labels.provider',
      },
      runbookUrls: ['https://wiki.example/runbooks/webhooks'],
    });
    expect(loaded.match.map((entry) => entry.map((m) => m.text))).toEqual([
      ['alertname="WebhookDeliveryErrors"'],
    ]);
    expect(draft.markdown).toContain(`#   'service="payments \\"gw\\""'`);
    expect(draft.markdown).toContain(`#   'provider="stripe''s"'`);
    expect(
      matchRunbooks(indexRunbooks([loaded]), incidentFacts({ ...incident, links: [] })),
    ).toHaveLength(1);
  });

  it('matches on every label when the alert has no name', () => {
    const incident = anIncident({
      title: 'Disk full',
      labels: { service: 'db', severity: 'warning' },
    });
    const draft = draftRunbook(incidentFacts(incident));
    const loaded = parseRunbook(draft.markdown, {
      path: '/rb/d.md',
      relativePath: 'd.md',
      origin: 'user',
    });
    expect(draft.fileName).toBe('Disk-full.md');
    expect(loaded.match.map((entry) => entry.map((m) => m.text))).toEqual([
      ['service="db"', 'severity="warning"'],
    ]);
    expect(matchRunbooks(indexRunbooks([loaded]), incidentFacts(incident))).toHaveLength(1);
  });
});
