import { Link } from 'react-router';
import { formatDate } from '../../lib/format.js';
import { SEVERITY_BADGES, SEVERITY_LABELS } from '../evictions/labels.js';

interface AlertLike {
  readonly code: string;
  readonly severity: 'high' | 'medium' | 'low';
  readonly title: string;
  readonly detail: string;
  readonly dueOn: string | null;
  readonly subjectType?: 'eviction' | 'placement';
  readonly subjectId?: string;
  readonly subjectCode?: string;
  readonly applicantName?: string | undefined;
}

/** Alerts as a table (never only colours: the severity is written). */
export function AlertList({
  alerts,
  title,
  emptyText,
}: {
  readonly alerts: readonly AlertLike[];
  readonly title: string;
  readonly emptyText: string;
}) {
  if (alerts.length === 0) return <p data-testid="alerts-empty">{emptyText}</p>;
  const showSubject = alerts.some((a) => a.subjectId);
  return (
    <div className="table-responsive">
      <table className="table table-sm" data-testid="alert-table">
        <caption>
          {title} ({alerts.length})
        </caption>
        <thead>
          <tr>
            <th scope="col">Priorità</th>
            <th scope="col">Avviso</th>
            {showSubject ? <th scope="col">Pratica</th> : null}
            <th scope="col">Scadenza</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a, i) => (
            <tr key={`${a.subjectId ?? ''}:${a.code}:${i}`} data-testid={`alert-${a.code}`}>
              <td>
                <span className={`badge ${SEVERITY_BADGES[a.severity]}`}>{SEVERITY_LABELS[a.severity]}</span>
              </td>
              <td>
                <strong>{a.title}</strong>
                <div className="small">{a.detail}</div>
              </td>
              {showSubject ? (
                <td>
                  {a.subjectId ? (
                    <Link
                      to={
                        a.subjectType === 'eviction'
                          ? `/sfratti/${a.subjectId}`
                          : `/ospitalita/permanenze/${a.subjectId}`
                      }
                    >
                      {a.subjectCode}
                    </Link>
                  ) : null}
                  {a.applicantName ? <div className="small">{a.applicantName}</div> : null}
                </td>
              ) : null}
              <td>{formatDate(a.dueOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
