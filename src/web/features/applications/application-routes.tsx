import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { roleEntersSapApplications, roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { ApplicationPage } from './application-page.js';
import { ApplicationsListPage } from './applications-list-page.js';
import { FrontDeskEntryPage } from './front-desk-entry-page.js';
import { ImportWizardPage } from './import-wizard-page.js';

function SapReaders({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={roleReadsSap}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The routes of the applications (domande) of a call, for the app's <Routes>. */
export function applicationRoutes() {
  return (
    <>
      <Route
        path="/avvisi/:id/importa-domande"
        element={
          <SapReaders>
            <RequireRole allowed={roleManagesSap}>
              <ImportWizardPage />
            </RequireRole>
          </SapReaders>
        }
      />
      <Route
        path="/avvisi/:id/domande"
        element={
          <SapReaders>
            <ApplicationsListPage />
          </SapReaders>
        }
      />
      <Route
        path="/avvisi/:id/domande/nuova"
        element={
          <SapReaders>
            <RequireRole allowed={roleEntersSapApplications}>
              <FrontDeskEntryPage />
            </RequireRole>
          </SapReaders>
        }
      />
      <Route
        path="/domande/:id"
        element={
          <SapReaders>
            <ApplicationPage />
          </SapReaders>
        }
      />
    </>
  );
}
