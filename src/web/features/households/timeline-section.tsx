import type { HouseholdDetail } from '../../../shared/households.js';
import { formatDateTime } from '../../lib/format.js';

export function TimelineSection({ household }: { readonly household: HouseholdDetail }) {
  return (
    <section aria-labelledby="cronologia" className="household-section">
      <h2 id="cronologia" className="h3" tabIndex={-1}>
        Cronologia
      </h2>
      {household.timeline.length === 0 ? (
        <p>Nessun evento registrato.</p>
      ) : (
        <ol className="timeline-list" data-testid="timeline">
          {household.timeline.map((e) => (
            <li key={e.id} className="timeline-entry" data-testid="timeline-event">
              <time dateTime={e.at} className="small text-secondary d-block">
                {formatDateTime(e.at)}
              </time>
              <span className="fw-semibold">{e.title}</span>
              {e.detail ? <p className="mb-0 small">{e.detail}</p> : null}
              {e.actorName ? <p className="mb-0 small text-secondary">Operatore: {e.actorName}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
