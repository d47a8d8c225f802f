import type { ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../shared/auth.js';
import { roleReadsReferrals, roleUsesFrontDesk } from '../../../shared/frontdesk.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { AgendaPage, ReferralsPage } from './agenda-page.js';
import { ContactPage } from './contact-page.js';
import { DeskHomePage } from './desk-home-page.js';

function Only({ allowed, children }: { readonly allowed: (role: Role) => boolean; readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={allowed}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** The front desk's routes, for the app's <Routes>. */
export function frontdeskRoutes() {
  return (
    <>
      <Route
        path="/sportello"
        element={
          <Only allowed={roleUsesFrontDesk}>
            <DeskHomePage />
          </Only>
        }
      />
      <Route
        path="/sportello/contatti/:id"
        element={
          <Only allowed={roleUsesFrontDesk}>
            <ContactPage />
          </Only>
        }
      />
      <Route
        path="/sportello/agenda"
        element={
          <Only allowed={roleUsesFrontDesk}>
            <AgendaPage />
          </Only>
        }
      />
      <Route
        path="/sportello/invii"
        element={
          <Only allowed={roleReadsReferrals}>
            <ReferralsPage />
          </Only>
        }
      />
    </>
  );
}
