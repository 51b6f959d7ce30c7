import type { Urgency } from '../../../common/model/incident.js';

/** One practice page: when it fires within the cycle, and when (if ever) it clears by itself. */
export interface DrillPage {
  slug: string;
  atSeconds: number;
  resolvesAfterSeconds?: number;
  title: string;
  service: string;
  urgency: Urgency;
  severity: string;
  labels: Record<string, string>;
  /** What an alert rule would say about it, for `{{annotations.x}}` in the runbooks. */
  annotations: Record<string, string>;
}

/** The drill replays this script every cycle, so a responder can rehearse as long as they like. */
export const drillCycleSeconds = 30 * 60;

export const drillScript: readonly DrillPage[] = [
  {
    slug: 'checkout-latency',
    atSeconds: 0,
    title: 'Checkout API p99 latency above 2 s for 5 minutes',
    service: 'checkout-api',
    urgency: 'high',
    severity: 'critical',
    labels: {
      alertname: 'CheckoutLatencyHigh',
      service: 'checkout-api',
      namespace: 'shop',
      cluster: 'eu-west-1',
      severity: 'critical',
    },
    annotations: {
      summary: 'Checkout API p99 latency above 2 s',
      description: 'p99 of checkout-api in shop has been above 2 s for 5 minutes.',
    },
  },
  {
    slug: 'replica-disk',
    atSeconds: 0,
    resolvesAfterSeconds: 6 * 60,
    title: 'Disk 91% full on db-replica-2 (/var/lib/postgresql)',
    service: 'postgres',
    urgency: 'low',
    severity: 'warning',
    labels: {
      alertname: 'NodeFilesystemAlmostFull',
      instance: 'db-replica-2:9100',
      mountpoint: '/var/lib/postgresql',
      severity: 'warning',
    },
    annotations: {
      summary: 'Filesystem /var/lib/postgresql on db-replica-2 is 91% full',
      description: 'At the current rate it fills up within 12 hours.',
    },
  },
  {
    slug: 'payment-webhooks',
    atSeconds: 90,
    title: 'Payment webhooks failing: 38% of deliveries return 5xx',
    service: 'payments-gateway',
    urgency: 'high',
    severity: 'critical',
    labels: {
      alertname: 'WebhookDeliveryErrors',
      service: 'payments-gateway',
      provider: 'stripe',
      severity: 'critical',
    },
    annotations: {
      summary: '38% of stripe webhook deliveries return 5xx',
      description: 'payments-gateway answers 503 to webhook deliveries from stripe.',
    },
  },
  {
    slug: 'queue-backlog',
    atSeconds: 4 * 60,
    resolvesAfterSeconds: 4 * 60,
    title: 'Order queue backlog at 12k messages and rising',
    service: 'order-worker',
    urgency: 'high',
    severity: 'error',
    labels: {
      alertname: 'QueueBacklogGrowing',
      service: 'order-worker',
      queue: 'orders.created',
      severity: 'error',
    },
    annotations: {
      summary: 'orders.created backlog at 12k messages and rising',
      description: 'Consumers of orders.created fall further behind every minute.',
    },
  },
  {
    slug: 'cert-expiry',
    atSeconds: 7 * 60,
    title: 'TLS certificate for api.example.com expires in 6 days',
    service: 'edge',
    urgency: 'low',
    severity: 'info',
    labels: { alertname: 'CertificateExpiringSoon', host: 'api.example.com', severity: 'info' },
    annotations: {
      summary: 'TLS certificate for api.example.com expires in 6 days',
      description: 'The certificate served on api.example.com:443 is not renewed yet.',
    },
  },
];
