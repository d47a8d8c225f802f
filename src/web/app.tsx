import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuditPage } from './features/audit/audit-page.js';
import { RequireAuth, RequireRole } from './features/auth/require-auth.js';
import { LoginPage } from './features/auth/login-page.js';
import {
  canEditHouseholds,
  canOpenHouseholds,
  canReadAudit,
  SessionProvider,
} from './features/auth/session-context.js';
import { EditHouseholdPage, NewHouseholdPage } from './features/households/household-form-page.js';
import { HouseholdPage } from './features/households/household-page.js';
import { HouseholdSearchPage } from './features/households/household-search-page.js';
import { AppLayout } from './features/shell/app-layout.js';
import { AREAS } from './features/shell/areas.js';
import { DashboardPage } from './features/shell/dashboard-page.js';
import { AccessibilityPage, PrivacyPage } from './features/shell/legal-pages.js';
import { NotFoundPage } from './features/shell/not-found-page.js';
import { PlaceholderPage } from './features/shell/placeholder-page.js';
import { assignmentRoutes } from './features/assignments/assignment-routes.js';
import { rankingRoutes } from './features/rankings/ranking-routes.js';
import { unitRoutes } from './features/units/unit-routes.js';
import { callRoutes } from './features/calls/call-routes.js';
import { applicationRoutes } from './features/applications/application-routes.js';
import { schemeRoutes } from './features/schemes/scheme-routes.js';
import { emergencyRoutes } from './features/worklist/emergency-routes.js';
import { frontdeskRoutes } from './features/frontdesk/frontdesk-routes.js';
import { measureRoutes } from './features/measures/measure-routes.js';
import { portalRoutes } from './features/portal/portal-routes.js';
import { observatoryRoutes } from './features/observatory/observatory-routes.js';
import { communicationRoutes } from './features/communications/communication-routes.js';

function Protected({ children }: { readonly children: ReactNode }) {
  return <RequireAuth>{children}</RequireAuth>;
}

function Households({ children }: { readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={canOpenHouseholds}>{children}</RequireRole>
    </RequireAuth>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<AppLayout />}>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/accessibilita" element={<AccessibilityPage />} />
            <Route path="/privacy" element={<PrivacyPage />} />
            <Route
              path="/"
              element={
                <Protected>
                  <DashboardPage />
                </Protected>
              }
            />
            <Route
              path="/nuclei"
              element={
                <Households>
                  <HouseholdSearchPage />
                </Households>
              }
            />
            <Route
              path="/nuclei/nuovo"
              element={
                <Households>
                  <RequireRole allowed={canEditHouseholds}>
                    <NewHouseholdPage />
                  </RequireRole>
                </Households>
              }
            />
            <Route
              path="/nuclei/:id"
              element={
                <Households>
                  <HouseholdPage />
                </Households>
              }
            />
            <Route
              path="/nuclei/:id/modifica"
              element={
                <Households>
                  <RequireRole allowed={canEditHouseholds}>
                    <EditHouseholdPage />
                  </RequireRole>
                </Households>
              }
            />
            {unitRoutes()}
            {callRoutes()}
            {applicationRoutes()}
            {rankingRoutes()}
            {portalRoutes()}
            {observatoryRoutes()}
            {communicationRoutes()}
            {assignmentRoutes()}
            {schemeRoutes()}
            {emergencyRoutes()}
            {frontdeskRoutes()}
            {measureRoutes()}
            <Route
              path="/registro"
              element={
                <RequireAuth>
                  <RequireRole allowed={canReadAudit}>
                    <AuditPage />
                  </RequireRole>
                </RequireAuth>
              }
            />
            {AREAS.filter((a) => !a.ready).map((area) => (
              <Route
                key={area.path}
                path={area.path}
                element={
                  <Protected>
                    <PlaceholderPage area={area} />
                  </Protected>
                }
              />
            ))}
            <Route
              path="*"
              element={
                <Protected>
                  <NotFoundPage />
                </Protected>
              }
            />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
