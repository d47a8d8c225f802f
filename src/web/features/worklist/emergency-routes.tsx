import type { ReactNode } from 'react';
import { Route } from 'react-router';
import type { Role } from '../../../shared/auth.js';
import {
  roleReadsEvictions,
  roleReadsEvictionStatistics,
  roleReadsWorklist,
  roleWritesEvictions,
} from '../../../shared/evictions.js';
import { roleReadsPartnerNetwork } from '../../../shared/partners.js';
import { roleReadsPlans } from '../../../shared/plans.js';
import { roleReadsReferrals } from '../../../shared/referrals.js';
import { roleReadsEmergencySettings, roleReadsTemporaryHousing } from '../../../shared/temporary-housing.js';
import { RequireAuth, RequireRole } from '../auth/require-auth.js';
import { EvictionListPage } from '../evictions/eviction-list-page.js';
import { EvictionNewPage } from '../evictions/eviction-new-page.js';
import { EvictionPage } from '../evictions/eviction-page.js';
import { EvictionStatisticsPage } from '../evictions/eviction-statistics-page.js';
import { PartnerHomePage, PartnerListPage, PartnerPage, ReferralListPage } from '../partners/partner-pages.js';
import { PlanListPage, PlanPage } from '../plans/plan-pages.js';
import { OccupancyPage } from '../temporary-housing/occupancy-page.js';
import { PlacementPage } from '../temporary-housing/placement-page.js';
import { EmergencySettingsPage } from '../temporary-housing/settings-page.js';
import { TemporaryUnitPage } from '../temporary-housing/unit-page.js';
import { EmergencyPage, WorklistPage } from './worklist-page.js';

export const canSeeEmergencyArea = (role: Role) => roleReadsWorklist(role) || role === 'observer';
const readsPartners = (role: Role) => roleReadsPartnerNetwork(role) || role === 'partner';
const isPartner = (role: Role) => role === 'partner';

function Guard({ allowed, children }: { readonly allowed: (role: Role) => boolean; readonly children: ReactNode }) {
  return (
    <RequireAuth>
      <RequireRole allowed={allowed}>{children}</RequireRole>
    </RequireAuth>
  );
}

const ROUTES: readonly [string, (role: Role) => boolean, ReactNode][] = [
  ['/emergenza', canSeeEmergencyArea, <EmergencyPage key="e" />],
  ['/emergenza/avvisi', roleReadsWorklist, <WorklistPage key="w" />],
  ['/emergenza/parametri', roleReadsEmergencySettings, <EmergencySettingsPage key="s" />],
  ['/sfratti', roleReadsEvictions, <EvictionListPage key="el" />],
  ['/sfratti/nuovo', roleWritesEvictions, <EvictionNewPage key="en" />],
  ['/sfratti/statistiche', roleReadsEvictionStatistics, <EvictionStatisticsPage key="es" />],
  ['/sfratti/:id', roleReadsEvictions, <EvictionPage key="ep" />],
  ['/ospitalita', roleReadsTemporaryHousing, <OccupancyPage key="o" />],
  ['/ospitalita/unita/:id', roleReadsTemporaryHousing, <TemporaryUnitPage key="u" />],
  ['/ospitalita/permanenze/:id', roleReadsTemporaryHousing, <PlacementPage key="p" />],
  ['/enti', readsPartners, <PartnerListPage key="pl" />],
  ['/enti/:id', readsPartners, <PartnerPage key="pp" />],
  ['/ente', isPartner, <PartnerHomePage key="ph" />],
  ['/invii', roleReadsReferrals, <ReferralListPage key="r" />],
  ['/progetti', roleReadsPlans, <PlanListPage key="pr" />],
  ['/progetti/:id', roleReadsPlans, <PlanPage key="prp" />],
];

/** The routes of the housing-emergency area (issue 5), for the app's <Routes>. */
export function emergencyRoutes() {
  return (
    <>
      {ROUTES.map(([path, allowed, page]) => (
        <Route key={path} path={path} element={<Guard allowed={allowed}>{page}</Guard>} />
      ))}
    </>
  );
}
