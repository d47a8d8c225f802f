import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { roleManagesSap, roleReadsSap } from '../../../shared/permissions.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { ErpPage } from './erp-page.js';
import { UnitImportPage } from './unit-import-page.js';
import { UnitListPage } from './unit-list-page.js';
import { UnitPage } from './unit-page.js';

function SapReaders({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={roleReadsSap}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The routes of the public-housing area and of the housing stock, for the app's <Routes>. */
export function unitRoutes() {
  return (
    <>
      <Route
        path="/erp"
        element={
          <SapReaders>
            <ErpPage />
          </SapReaders>
        }
      />
      <Route
        path="/alloggi"
        element={
          <SapReaders>
            <UnitListPage />
          </SapReaders>
        }
      />
      <Route
        path="/alloggi/importa"
        element={
          <SapReaders>
            <RequireRole allowed={roleManagesSap}>
              <UnitImportPage />
            </RequireRole>
          </SapReaders>
        }
      />
      <Route
        path="/alloggi/:id"
        element={
          <SapReaders>
            <UnitPage />
          </SapReaders>
        }
      />
    </>
  );
}
