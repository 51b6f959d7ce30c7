import type { ComponentCatalog } from '../../../../electron/common/model/status-page-view.js';

/** A page with a group of three (API) and two ungrouped components. */
export const catalog: ComponentCatalog = {
  components: [
    { id: 'checkout', name: 'Checkout', status: 'operational', groupId: 'api' },
    { id: 'payments', name: 'Payments', status: 'operational', groupId: 'api' },
    { id: 'search', name: 'Search', status: 'degraded_performance', groupId: 'api' },
    { id: 'website', name: 'Website', status: 'operational' },
    { id: 'emails', name: 'E-mails', status: 'operational' },
  ],
  groups: [{ id: 'api', name: 'API', componentIds: ['checkout', 'payments', 'search'] }],
};
