import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { NewCallPage } from './call-form-page.js';
import { CallPage } from './call-page.js';
import { CallsListPage } from './calls-list-page.js';

function SapReaders({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={roleReadsSap}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The routes of the calls (avvisi), for the app's <Routes>. */
export function callRoutes() {
  return (
    <>
      <Route
        path="/avvisi"
        element={
          <SapReaders>
            <CallsListPage />
          </SapReaders>
        }
      />
      <Route
        path="/avvisi/nuovo"
        element={
          <SapReaders>
            <RequireRole allowed={roleManagesSap}>
              <NewCallPage />
            </RequireRole>
          </SapReaders>
        }
      />
      <Route
        path="/avvisi/:id"
        element={
          <SapReaders>
            <CallPage />
          </SapReaders>
        }
      />
    </>
  );
}
