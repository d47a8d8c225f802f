import type { ReactNode } from 'react';
import { Route } from 'react-router';
import { roleReadsSap } from '../../../shared/permissions.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { ExplanationPage } from './explanation-page.js';
import { RankingsPage } from './rankings-page.js';

function SapReaders({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={roleReadsSap}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The rankings of a call and the explanation of an application's position, for the app's <Routes>. */
export function rankingRoutes() {
  return (
    <>
      <Route
        path="/avvisi/:id/graduatorie"
        element={
          <SapReaders>
            <RankingsPage />
          </SapReaders>
        }
      />
      <Route
        path="/domande/:id/spiegazione"
        element={
          <SapReaders>
            <ExplanationPage />
          </SapReaders>
        }
      />
    </>
  );
}
