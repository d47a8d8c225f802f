import { Icon } from 'design-react-kit';
import { Link } from 'react-router';

interface Props {
  readonly page: number;
  readonly pageCount: number;
  /** The href of a page (1-based). */
  readonly hrefFor: (page: number) => string;
  readonly label?: string;
}

/** Pages to show: first, last, and two around the current one, with gaps as null. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous > 1) out.push(null);
    out.push(p);
  });
  return out;
}

export function Pagination({ page, pageCount, hrefFor, label = 'Paginazione dei risultati' }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination-wrapper justify-content-center" aria-label={label} data-testid="pagination">
      <ul className="pagination">
        <li className={`page-item${page <= 1 ? ' disabled' : ''}`}>
          {page <= 1 ? (
            <span className="page-link" aria-hidden="true">
              <Icon icon="it-chevron-left" color="secondary" />
            </span>
          ) : (
            <Link className="page-link" to={hrefFor(page - 1)} data-testid="pagination-previous">
              <Icon icon="it-chevron-left" color="primary" />
              <span className="visually-hidden">Pagina precedente</span>
            </Link>
          )}
        </li>
        {pageWindow(page, pageCount).map((p, i) =>
          p === null ? (
            <li className="page-item" key={`gap-${i}`}>
              <span className="page-link">…</span>
            </li>
          ) : (
            <li className="page-item" key={p}>
              <Link className="page-link" to={hrefFor(p)} aria-current={p === page ? 'page' : undefined}>
                <span className="visually-hidden">Pagina </span>
                {p}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${page >= pageCount ? ' disabled' : ''}`}>
          {page >= pageCount ? (
            <span className="page-link" aria-hidden="true">
              <Icon icon="it-chevron-right" color="secondary" />
            </span>
          ) : (
            <Link className="page-link" to={hrefFor(page + 1)} data-testid="pagination-next">
              <span className="visually-hidden">Pagina successiva</span>
              <Icon icon="it-chevron-right" color="primary" />
            </Link>
          )}
        </li>
      </ul>
    </nav>
  );
}
