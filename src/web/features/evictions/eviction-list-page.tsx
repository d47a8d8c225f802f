import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EVICTION_STAGE_FILTER_LABELS, roleWritesEvictions } from '../../../shared/evictions.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { listEvictions } from '../worklist/emergency-api.js';
import { motiveLabel, statusLabel } from './labels.js';

/** The eviction register with stage filters. */
export function EvictionListPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const stage = params.get('fase') ?? 'open';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const res = useApiResource(`evictions:${stage}:${q}`, () =>
    listEvictions({ stage: stage === 'all' ? undefined : stage, q: q || undefined } as { stage?: string; q?: string }),
  );
  return (
    <div className="container-xxl my-4" data-testid="eviction-list-page">
      <PageTitle title="Procedure di sfratto" />
      <div className="d-flex gap-3 flex-wrap mb-3">
        {roleWritesEvictions(user.role) ? (
          <Link className="btn btn-primary" to="/sfratti/nuovo">
            Registra una procedura
          </Link>
        ) : null}
        <Link className="btn btn-outline-primary" to="/sfratti/statistiche">
          Statistiche per anno
        </Link>
      </div>
      <form
        className="row align-items-end"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setParams({ fase: stage, q: text });
        }}
      >
        <SelectField
          id="eviction-stage"
          label="Fase"
          className="col-12 col-md-4"
          value={stage}
          onValueChange={(v) => setParams({ fase: v, q })}
          options={[...optionsFrom(EVICTION_STAGE_FILTER_LABELS), { value: 'all', label: 'Tutte' }]}
        />
        <TextField
          id="eviction-q"
          label="Cerca (nome, codice, R.G.)"
          className="col-12 col-md-5"
          value={text}
          onValueChange={setText}
        />
        <div className="col-12 col-md-3 mb-3">
          <button className="btn btn-outline-primary" type="submit">
            Cerca
          </button>
        </div>
      </form>
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {res.data ? (
        <div className="table-responsive">
          <table className="table table-sm" data-testid="eviction-table">
            <caption>
              {res.data.items.length} procedure — fase:{' '}
              {stage === 'all' ? 'tutte' : (EVICTION_STAGE_FILTER_LABELS as Record<string, string>)[stage]}
            </caption>
            <thead>
              <tr>
                <th scope="col">Procedura</th>
                <th scope="col">Nucleo</th>
                <th scope="col">Comune</th>
                <th scope="col">Motivo</th>
                <th scope="col">Stato</th>
                <th scope="col">Rilascio fissato</th>
                <th scope="col">Assistente sociale</th>
              </tr>
            </thead>
            <tbody>
              {res.data.items.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/sfratti/${e.id}`}>{e.code}</Link>
                  </th>
                  <td>
                    {e.applicantName} <span className="text-muted small">({e.householdCode})</span>
                  </td>
                  <td>{e.comuneName}</td>
                  <td>{motiveLabel(e.motive)}</td>
                  <td>{statusLabel(e.status)}</td>
                  <td>{formatDate(e.plannedReleaseOn)}</td>
                  <td>{e.socialWorkerName ?? <span className="text-danger">non assegnato</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
