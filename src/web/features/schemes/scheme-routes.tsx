import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { SchemeEditorPage } from './scheme-editor-page.js';
import { canReadSchemes, canWriteSchemes } from './scheme-model.js';
import { SchemePage } from './scheme-page.js';
import { SchemesListPage } from './schemes-list-page.js';

function SchemeReaders({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={canReadSchemes}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The points schemes (issue 3 item 9): list, one version as data, and the editor, for the app's <Routes>. */
export function schemeRoutes() {
  return (
    <>
      <Route
        path="/schemi"
        element={
          <SchemeReaders>
            <SchemesListPage />
          </SchemeReaders>
        }
      />
      <Route
        path="/schemi/nuovo"
        element={
          <SchemeReaders>
            <RequireRole allowed={canWriteSchemes}>
              <SchemeEditorPage />
            </RequireRole>
          </SchemeReaders>
        }
      />
      <Route
        path="/schemi/:code/:version"
        element={
          <SchemeReaders>
            <SchemePage />
          </SchemeReaders>
        }
      />
    </>
  );
}
