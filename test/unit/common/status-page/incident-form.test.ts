import { describe, expect, it } from 'vitest';
import type { ComponentMappingRule } from '../../../../electron/common/model/status-page-config.js';
import type {
  StatusPageIncident,
  StatusPageTemplate,
} from '../../../../electron/common/model/status-page-view.js';
import { mappedComponentIds } from '../../../../electron/common/status-page/component-mapping.js';
import { impactSummary } from '../../../../electron/common/status-page/impact.js';
import {
  applyTemplate,
  followUpDraft,
  prefillIncidentDraft,
  proposedComponentStatus,
  resolveDraft,
  symptomName,
} from '../../../../electron/common/status-page/incident-form.js';
import { subscriberPreview } from '../../../../electron/common/status-page/subscriber-preview.js';
import { anIncident } from '../../../support/incidents.js';
import { catalog } from './catalog.js';

const rules: ComponentMappingRule[] = [
  { componentIds: ['checkout'], service: 'Checkout-API' },
  { componentIds: ['api'], labels: [{ name: 'alertname', op: '=~', value: 'Gateway.*' }] },
  { componentIds: ['website', 'gone'], sourceId: 'pingdom' },
  {
    componentIds: ['emails'],
    service: 'mailer',
    labels: [{ name: 'env', op: '!=', value: 'staging' }],
  },
];

const checkoutPage = anIncident({
  title: 'Checkout API p99 latency above 2 s for 5 minutes',
  service: 'checkout-api',
  urgency: 'high',
});

describe('component mapping', () => {
  it('matches by service regardless of case', () => {
    expect(mappedComponentIds(checkoutPage, rules, catalog)).toEqual(['checkout']);
  });

  it('matches labels by anchored expression, and a group stands for its children', () => {
    const gateway = anIncident({ labels: { alertname: 'GatewayDown' } });
    const gatewayish = anIncident({ labels: { alertname: 'OldGatewayDown' } });
    expect(mappedComponentIds(gateway, rules, catalog)).toEqual(['checkout', 'payments', 'search']);
    expect(mappedComponentIds(gatewayish, rules, catalog)).toEqual([]);
  });

  it('matches by source, leaving out components the page no longer has', () => {
    const probe = anIncident({ sourceId: 'pingdom', service: undefined });
    expect(mappedComponentIds(probe, rules, catalog)).toEqual(['website']);
  });

  it('needs every condition of a rule', () => {
    const prod = anIncident({ service: 'mailer', labels: { env: 'prod' } });
    const staging = anIncident({ service: 'mailer', labels: { env: 'staging' } });
    expect(mappedComponentIds(prod, rules, catalog)).toEqual(['emails']);
    expect(mappedComponentIds(staging, rules, catalog)).toEqual([]);
  });

  it('joins what several rules map, once each, in the page order', () => {
    const both = anIncident({ service: 'checkout-api', labels: { alertname: 'GatewayErrors' } });
    expect(mappedComponentIds(both, rules, catalog)).toEqual(['checkout', 'payments', 'search']);
  });
});

describe('the incident form, prefilled from a page', () => {
  it('names the symptom customers see, not the alert', () => {
    const named = (title: string, names: string[] = ['Checkout']) =>
      symptomName(anIncident({ title, service: 'checkout-api' }), names);
    expect(named('Checkout API p99 latency above 2 s')).toBe('Slow responses on Checkout');
    expect(named('Payment webhooks failing: 38% of deliveries return 5xx')).toBe(
      'Elevated errors on Checkout',
    );
    expect(named('Order queue backlog at 12k messages')).toBe('Delays on Checkout');
    expect(named('Checkout is down in eu-west-1', ['Checkout', 'Payments'])).toBe(
      'Checkout and Payments unavailable',
    );
    expect(named('Disk 91% full on db-replica-2', [])).toBe('Degraded service on checkout-api');
    expect(named('5xx', ['A', 'B', 'C', 'D'])).toBe('Elevated errors on A, B and 2 more');
    expect(symptomName(anIncident({ title: 'Something odd', service: undefined }), [])).toBe(
      'Degraded service',
    );
  });

  it('proposes investigating, the mapped components at partial outage, and notifying', () => {
    const draft = prefillIncidentDraft({ incident: checkoutPage, rules, catalog });
    expect(draft).toEqual({
      name: 'Slow responses on Checkout',
      status: 'investigating',
      body: 'We are investigating slow responses on Checkout. We will post an update as soon as we know more.',
      components: { checkout: 'partial_outage' },
      deliverNotifications: true,
    });
    expect(impactSummary(draft)).toEqual({ computed: 'major', shown: 'major' });
  });

  it('proposes degraded performance for a low-urgency page', () => {
    expect(proposedComponentStatus('high')).toBe('partial_outage');
    expect(proposedComponentStatus('low')).toBe('degraded_performance');
    const low = { ...checkoutPage, urgency: 'low' as const };
    expect(prefillIncidentDraft({ incident: low, rules, catalog }).components).toEqual({
      checkout: 'degraded_performance',
    });
  });

  it('takes name, body and components from a template, still asking each status', () => {
    const template: StatusPageTemplate = {
      id: 't1',
      name: 'API errors',
      title: 'Elevated API error rates',
      body: 'Some API requests fail.',
      status: 'identified',
      componentIds: ['api', 'checkout'],
      deliverNotifications: false,
    };
    const draft = prefillIncidentDraft({ incident: checkoutPage, rules, catalog, template });
    expect(draft).toMatchObject({
      name: 'Elevated API error rates',
      body: 'Some API requests fail.',
      status: 'identified',
      deliverNotifications: false,
      components: {
        checkout: 'partial_outage',
        payments: 'partial_outage',
        search: 'partial_outage',
      },
    });
    // A status the responder already chose survives a change of template.
    const chosen = { ...draft, components: { checkout: 'major_outage' as const } };
    expect(applyTemplate(chosen, template, catalog, 'degraded_performance').components).toEqual({
      checkout: 'major_outage',
      payments: 'degraded_performance',
      search: 'degraded_performance',
    });
    // A template cannot open an incident as resolved.
    const closing = { ...template, status: 'resolved' as const };
    expect(applyTemplate(chosen, closing, catalog, 'partial_outage').status).toBe('identified');
  });

  it('shows the computed impact beside an override, and the override wins', () => {
    const post = {
      components: { checkout: 'major_outage' as const, search: 'degraded_performance' as const },
      impactOverride: 'minor' as const,
    };
    expect(impactSummary(post)).toEqual({
      computed: 'critical',
      override: 'minor',
      shown: 'minor',
    });
    expect(impactSummary({ components: {} })).toEqual({ computed: 'none', shown: 'none' });
  });
});

describe('follow-ups on an open status-page incident', () => {
  const open: StatusPageIncident = {
    id: 'sp1',
    name: 'Slow responses on Checkout',
    status: 'investigating',
    createdAt: '2026-11-22T09:00:00.000Z',
    components: [
      { id: 'checkout', name: 'Checkout', status: 'partial_outage' },
      { id: 'payments', name: 'Payments', status: 'unknown' },
    ],
  };

  it('keeps the components as they are for the next step', () => {
    expect(followUpDraft(open, 'identified')).toEqual({
      status: 'identified',
      body: 'We have identified the cause and are working on a fix.',
      components: { checkout: 'partial_outage' },
      deliverNotifications: true,
    });
  });

  it('resolves with every linked component back to operational', () => {
    expect(resolveDraft(open)).toEqual({
      status: 'resolved',
      body: 'This incident has been resolved.',
      components: { checkout: 'operational', payments: 'operational' },
      deliverNotifications: true,
    });
    expect(followUpDraft(open, 'resolved')).toEqual(resolveDraft(open));
  });
});

describe('the subscriber preview', () => {
  it('reads like the notification subscribers get', () => {
    const preview = subscriberPreview(
      'Acme Status',
      'Slow responses on Checkout',
      {
        status: 'investigating',
        body: 'We are investigating slow responses on Checkout.  ',
        components: { checkout: 'partial_outage', website: 'degraded_performance' },
        deliverNotifications: true,
      },
      catalog,
    );
    expect(preview).toEqual({
      subject: '[Acme Status] Slow responses on Checkout',
      text: [
        'Slow responses on Checkout',
        '',
        'Investigating - We are investigating slow responses on Checkout.',
        '',
        'Affected components',
        '- Checkout: Partial outage',
        '- Website: Degraded performance',
        '',
        'Impact: major',
      ].join('\n'),
      notifies: true,
    });
  });

  it('says when nobody is notified and there is nothing to read yet', () => {
    const preview = subscriberPreview(
      'Acme Status',
      'Quiet test',
      { status: 'investigating', body: '', components: {}, deliverNotifications: false },
      catalog,
    );
    expect(preview.notifies).toBe(false);
    expect(preview.text).toBe('Quiet test\n\nInvestigating - (no message)');
  });
});
