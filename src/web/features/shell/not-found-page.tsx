import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title.js';

export function NotFoundPage() {
  return (
    <div className="container-xxl my-5" data-testid="not-found">
      <PageTitle title="Pagina non trovata" />
      <p className="lead">L'indirizzo che hai aperto non corrisponde a nessuna pagina di Abitare.</p>
      <p>
        Controlla l'indirizzo oppure <Link to="/">torna al cruscotto</Link>.
      </p>
    </div>
  );
}
