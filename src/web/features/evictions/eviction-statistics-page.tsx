import { useState } from 'react';
import { parseHistoryText, roleImportsEvictionHistory } from '../../../shared/evictions.js';
import { TextAreaField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getEvictionStatistics, importEvictionHistory } from '../worklist/emergency-api.js';

const n = (v: number | null) => (v === null ? '–' : v.toLocaleString('it-IT'));

/** Yearly statistics in the Ministry of the Interior's terms, with the imported history. */
export function EvictionStatisticsPage() {
  const user = useCurrentUser();
  const res = useApiResource('eviction-statistics', getEvictionStatistics);
  const [text, setText] = useState('');
  const [source, setSource] = useState('');
  const [problem, setProblem] = useState<ApiError | string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function importText() {
    setProblem(null);
    setDone(null);
    const parsed = parseHistoryText(text);
    if (parsed.errors.length > 0 || parsed.rows.length === 0) {
      setProblem(parsed.errors.join(' ') || 'Nessuna riga da importare.');
      return;
    }
    try {
      const stats = await importEvictionHistory({ source, rows: parsed.rows });
      res.setData(stats);
      setDone(`Importate ${parsed.rows.length} righe.`);
    } catch (err) {
      if (isApiError(err))
        setProblem(err.details.length > 0 ? `${err.message} ${err.details.map((d) => d.message).join(' ')}` : err);
      else throw err;
    }
  }

  return (
    <div className="container-xxl my-4" data-testid="eviction-statistics-page">
      <PageTitle title="Sfratti: statistiche per anno" />
      <p>
        Categorie della pubblicazione del Ministero dell’Interno «Gli sfratti in Italia»: provvedimenti esecutivi di
        rilascio emessi (per motivo), richieste di esecuzione all’ufficiale giudiziario, sfratti eseguiti con
        l’ufficiale giudiziario. Gli anni importati (storico) prevalgono sul registro; il totale somma convalidati ed
        eseguiti, come nella tabella del Comune.
      </p>
      {res.error ? <ErrorAlert error={res.error} /> : null}
      {!res.data ? (
        <Loading />
      ) : (
        <div className="table-responsive">
          <table className="table table-sm" data-testid="statistics-table">
            <caption>Procedure di sfratto — {res.data.scope}</caption>
            <thead>
              <tr>
                <th scope="col">Anno</th>
                <th scope="col">Provvedimenti emessi (convalidati)</th>
                <th scope="col">Necessità del locatore</th>
                <th scope="col">Finita locazione</th>
                <th scope="col">Morosità e altra causa</th>
                <th scope="col">Richieste di esecuzione</th>
                <th scope="col">Eseguiti</th>
                <th scope="col">Totale</th>
                <th scope="col">Origine</th>
              </tr>
            </thead>
            <tbody>
              {res.data.rows.map((r) => (
                <tr key={r.year} data-testid={`stat-${r.year}`}>
                  <th scope="row">{r.year}</th>
                  <td>{n(r.issued)}</td>
                  <td>{n(r.issuedLandlordNeed)}</td>
                  <td>{n(r.issuedEndOfLease)}</td>
                  <td>{n(r.issuedArrearsOther)}</td>
                  <td>{n(r.executionRequests)}</td>
                  <td>{n(r.executed)}</td>
                  <td>{n(r.total)}</td>
                  <td className="small">{r.origin === 'history' ? `Storico: ${r.source}` : 'Registro di Abitare'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {roleImportsEvictionHistory(user.role) ? (
        <section aria-labelledby="history-title" className="mt-4">
          <h2 id="history-title" className="h4">
            Importa totali storici
          </h2>
          <p className="small">
            Una riga per anno: <code>anno;convalidati;eseguiti</code>, facoltativi{' '}
            <code>;necessità;finita locazione;morosità e altro;richieste</code>. Tutte le righe o nessuna; un anno già
            presente viene sostituito.
          </p>
          {problem ? <ErrorAlert error={problem} /> : null}
          {done ? (
            <p className="text-success" role="status">
              {done}
            </p>
          ) : null}
          <TextField id="history-source" label="Fonte dei dati" required value={source} onValueChange={setSource} />
          <TextAreaField id="history-text" label="Righe" rows={6} value={text} onValueChange={setText} />
          <button type="button" className="btn btn-primary" onClick={() => void importText()}>
            Importa
          </button>
        </section>
      ) : null}
    </div>
  );
}
