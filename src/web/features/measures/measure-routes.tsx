import type { ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../shared/auth.js';
import { roleManagesFunds, roleReadsFunds } from '../../../shared/funds.js';
import { roleEntersMeasureApplications, roleReadsMeasures } from '../../../shared/measures.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { BatchesPage, BatchPage, FundPage, FundsPage } from '../funds/funds-pages.js';
import { ApplicationPage, ApplicationsPage, BenefitsPage, NewApplicationPage } from './application-pages.js';
import { LandlordsPage } from './landlords-page.js';
import { MeasurePage, MeasuresPage } from './measures-pages.js';

function Only({ allowed, children }: { readonly allowed: (role: Role) => boolean; readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={allowed}>{children}</RequireRole>
    </RequireAuth>
  );
}

/** Measures, applications, funds and payments, for the app's <Routes>. */
export function measureRoutes() {
  return (
    <>
      <Route
        path="/misure"
        element={
          <Only allowed={roleReadsMeasures}>
            <MeasuresPage />
          </Only>
        }
      />
      <Route
        path="/misure/domande"
        element={
          <Only allowed={roleEntersMeasureApplications}>
            <ApplicationsPage />
          </Only>
        }
      />
      <Route
        path="/misure/domande/nuova"
        element={
          <Only allowed={roleEntersMeasureApplications}>
            <NewApplicationPage />
          </Only>
        }
      />
      <Route
        path="/misure/domande/:id"
        element={
          <Only allowed={roleEntersMeasureApplications}>
            <ApplicationPage />
          </Only>
        }
      />
      <Route
        path="/misure/fondi"
        element={
          <Only allowed={roleReadsFunds}>
            <FundsPage />
          </Only>
        }
      />
      <Route
        path="/misure/fondi/:id"
        element={
          <Only allowed={roleReadsFunds}>
            <FundPage />
          </Only>
        }
      />
      <Route
        path="/misure/pagamenti"
        element={
          <Only allowed={roleManagesFunds}>
            <BatchesPage />
          </Only>
        }
      />
      <Route
        path="/misure/pagamenti/:id"
        element={
          <Only allowed={roleManagesFunds}>
            <BatchPage />
          </Only>
        }
      />
      <Route
        path="/misure/canone-concordato"
        element={
          <Only allowed={roleEntersMeasureApplications}>
            <LandlordsPage />
          </Only>
        }
      />
      <Route
        path="/misure/:id"
        element={
          <Only allowed={roleReadsMeasures}>
            <MeasurePage />
          </Only>
        }
      />
      <Route
        path="/nuclei/:id/benefici"
        element={
          <Only allowed={roleEntersMeasureApplications}>
            <BenefitsPage />
          </Only>
        }
      />
    </>
  );
}
