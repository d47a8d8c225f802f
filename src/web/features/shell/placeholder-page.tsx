import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import type { Area } from './areas.js';

/** The honest page of an area that is not built yet. */
export function PlaceholderPage({ area }: { readonly area: Area }) {
  return (
    <div className="container-xxl my-4" data-testid="placeholder-page">
      <PageTitle title={area.label} />
      <div className="callout note">
        <div className="callout-title">In preparazione</div>
        <p>
          Quest'area non è ancora disponibile. Conterrà: {area.description.charAt(0).toLowerCase()}
          {area.description.slice(1)}
        </p>
      </div>
      <p>
        <Link to="/">Torna al cruscotto</Link>
      </p>
    </div>
  );
}
