import { Route } from 'react-router';
import { roleReadsSap } from '../../../shared/permissions.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { AssignmentBoardPage } from './assignment-board-page.js';

/** The assignment board of a call, for the app's <Routes>. */
export function assignmentRoutes() {
  return (
    <Route
      path="/avvisi/:id/assegnazioni"
      element={
        <RequireAuth>
          <RequireRole allowed={roleReadsSap}>
            <AssignmentBoardPage />
          </RequireRole>
        </RequireAuth>
      }
    />
  );
}
