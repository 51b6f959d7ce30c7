import { describe, expect, it } from 'vitest';
import {
  detailLinks,
  incidentDescription,
  incidentNumberText,
  linkLabelText,
  sourceKnowsAssignees,
} from '../../../renderer/features/incidents/incident-display.js';
import { incident } from './fixtures.js';

describe('the incident detail wording', () => {
  it('writes the number with one #, however the source spelled it', () => {
    expect(incidentNumberText('#1042')).toBe('#1042');
    expect(incidentNumberText('1042')).toBe('#1042');
    expect(incidentNumberText('##1042')).toBe('#1042');
    expect(incidentNumberText(undefined)).toBeUndefined();
    expect(incidentNumberText('#')).toBeUndefined();
  });

  it('lists the provider page once even when the source also lists it as a link', () => {
    const pd = incident({
      externalId: 'P1',
      webUrl: 'https://acme.pagerduty.com/incidents/P1',
      links: [
        { label: 'Open in PagerDuty', url: 'https://acme.pagerduty.com/incidents/P1' },
        { label: 'Runbook', url: 'https://runbooks.example.com/db' },
      ],
    });
    expect(detailLinks(pd, 'PagerDuty')).toEqual([
      { label: 'Open in PagerDuty', url: 'https://acme.pagerduty.com/incidents/P1' },
      { label: 'Runbook', url: 'https://runbooks.example.com/db' },
    ]);
  });

  it('names annotation links for people, leaving written labels alone', () => {
    expect(linkLabelText('dashboard')).toBe('Dashboard');
    expect(linkLabelText('grafana_url')).toBe('Grafana');
    expect(linkLabelText('playbook-link')).toBe('Playbook');
    expect(linkLabelText('Open in PagerDuty')).toBe('Open in PagerDuty');
    expect(linkLabelText('Runbook')).toBe('Runbook');
  });

  it('puts the description first, and the summary only where it is not the title', () => {
    const alert = incident({
      externalId: 'a',
      title: 'Disk full',
      annotations: { summary: 'Disk full', description: 'The WAL volume on db-1 is 95% full.' },
    });
    expect(incidentDescription(alert)).toEqual(['The WAL volume on db-1 is 95% full.']);
    const titled = incident({
      externalId: 'b',
      title: 'DiskFull',
      annotations: { summary: 'Disk full' },
    });
    expect(incidentDescription(titled)).toEqual(['Disk full']);
    expect(incidentDescription(incident({ externalId: 'c' }))).toEqual([]);
  });

  it('knows which sources say who a page is for', () => {
    expect(sourceKnowsAssignees('alertmanager')).toBe(false);
    expect(sourceKnowsAssignees('drill')).toBe(false);
    expect(sourceKnowsAssignees('pagerduty')).toBe(true);
    expect(sourceKnowsAssignees(undefined)).toBe(true);
  });
});
