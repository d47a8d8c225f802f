import { Route } from 'react-router';
import { PortalExplanationPage, PortalHomePage, PortalHouseholdPage } from './portal-pages.js';

/** The citizen portal: outside the staff session (its pages check the citizen session themselves). */
export function portalRoutes() {
  return (
    <>
      <Route path="/portale" element={<PortalHomePage />} />
      <Route path="/portale/nuclei/:id" element={<PortalHouseholdPage />} />
      <Route path="/portale/domande/:id" element={<PortalExplanationPage />} />
    </>
  );
}
