import { Route } from 'react-router';
import { canOpenHouseholds, canReadAudit } from '../auth/session-context.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { HouseholdMessagesPage } from './household-messages-page.js';
import { OutboxPage } from './outbox-page.js';

export function communicationRoutes() {
  return [
    <Route
      key="outbox"
      path="/comunicazioni"
      element={
        <RequireAuth>
          <RequireRole allowed={canReadAudit}>
            <OutboxPage />
          </RequireRole>
        </RequireAuth>
      }
    />,
    <Route
      key="household"
      path="/nuclei/:id/comunicazioni"
      element={
        <RequireAuth>
          <RequireRole allowed={canOpenHouseholds}>
            <HouseholdMessagesPage />
          </RequireRole>
        </RequireAuth>
      }
    />,
  ];
}
