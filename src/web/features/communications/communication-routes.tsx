import { Route } from 'react-router';
import { canOpenHouseholds } from '../auth/session-context.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { HouseholdMessagesPage } from './household-messages-page.js';

export function communicationRoutes() {
  return (
    <Route
      path="/nuclei/:id/comunicazioni"
      element={
        <RequireAuth>
          <RequireRole allowed={canOpenHouseholds}>
            <HouseholdMessagesPage />
          </RequireRole>
        </RequireAuth>
      }
    />
  );
}
