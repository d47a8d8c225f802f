import { Navigate, Route } from 'react-router';
import { roleReadsObservatory } from '../../../shared/observatory.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { ObservatoryPage } from './observatory-page.js';

export function observatoryRoutes() {
  return (
    <>
      <Route path="/osservatorio" element={<Navigate to="/osservatorio/demand" replace />} />
      <Route
        path="/osservatorio/:group"
        element={
          <RequireAuth>
            <RequireRole allowed={roleReadsObservatory}>
              <ObservatoryPage />
            </RequireRole>
          </RequireAuth>
        }
      />
    </>
  );
}
