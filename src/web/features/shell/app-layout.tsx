import { Skiplink, SkiplinkItem } from 'design-react-kit';
import { Outlet } from 'react-router';
import { SiteFooter } from './site-footer.js';
import { SiteHeader } from './site-header.js';

export function AppLayout() {
  return (
    <>
      <Skiplink>
        <SkiplinkItem href="#main-content">Vai al contenuto principale</SkiplinkItem>
      </Skiplink>
      <SiteHeader />
      <main id="main-content" tabIndex={-1} className="app-main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}
