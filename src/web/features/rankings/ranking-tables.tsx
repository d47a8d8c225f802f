import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { RankingsView } from '../../../shared/rankings.js';
import { SelectField, type SelectOption } from '../../components/form-fields.js';
import { formatIsbar } from './labels.js';

type Ranking = RankingsView['rankings'][number];

/** Rows shown per table before "show all": a Comune's ranking can hold thousands of applications. */
const ROWS_SHOWN = 100;

function uniqueOptions(pairs: readonly (readonly [string, string])[]): SelectOption[] {
  const seen = new Map<string, string>();
  for (const [value, label] of pairs) if (!seen.has(value)) seen.set(value, label);
  return [...seen.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'it'));
}

export function explanationHref(applicationId: string, callId: string): string {
  return `/domande/${encodeURIComponent(applicationId)}/spiegazione?avviso=${encodeURIComponent(callId)}`;
}

/** The rankings per owner and Comune, filtered by owner and Comune (kept in the address). */
export function RankingTables({ view }: { readonly view: RankingsView }) {
  const [params, setParams] = useSearchParams();
  const ownerId = params.get('ente') ?? '';
  const comuneId = params.get('comune') ?? '';
  const owners = uniqueOptions(view.rankings.map((r) => [r.ownerId, r.ownerName] as const));
  const comuni = uniqueOptions(view.rankings.map((r) => [r.comuneId, r.comuneName] as const));
  const shown = view.rankings.filter(
    (r) => (ownerId === '' || r.ownerId === ownerId) && (comuneId === '' || r.comuneId === comuneId),
  );

  function setFilter(name: 'ente' | 'comune', value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <section aria-labelledby="graduatorie" className="household-section">
      <h2 id="graduatorie" className="h3">
        Graduatorie per ente proprietario e Comune
      </h2>
      {view.rankings.length === 0 ? (
        <p data-testid="rankings-empty">Nessuna graduatoria da mostrare.</p>
      ) : (
        <>
          <form
            noValidate
            aria-label="Filtri delle graduatorie"
            onSubmit={(e) => e.preventDefault()}
            data-testid="ranking-filters"
          >
            <div className="row">
              <SelectField
                className="col-12 col-md-6 col-lg-4"
                id="ranking-filter-owner"
                label="Ente proprietario"
                placeholder="Tutti gli enti"
                options={owners}
                value={ownerId}
                onValueChange={(v) => setFilter('ente', v)}
              />
              <SelectField
                className="col-12 col-md-6 col-lg-4"
                id="ranking-filter-comune"
                label="Comune"
                placeholder="Tutti i Comuni"
                options={comuni}
                value={comuneId}
                onValueChange={(v) => setFilter('comune', v)}
              />
            </div>
          </form>
          <p role="status" data-testid="rankings-count">
            {shown.length === view.rankings.length
              ? view.rankings.length === 1
                ? '1 graduatoria.'
                : `${shown.length} graduatorie.`
              : `${shown.length} su ${view.rankings.length} graduatorie corrispondono ai filtri.`}
          </p>
          {shown.map((r) => (
            <RankingTable key={`${r.ownerId}|${r.comuneId}`} ranking={r} callId={view.call.id} />
          ))}
        </>
      )}
    </section>
  );
}

function RankingTable({ ranking, callId }: { readonly ranking: Ranking; readonly callId: string }) {
  const [all, setAll] = useState(false);
  const rows = all ? ranking.entries : ranking.entries.slice(0, ROWS_SHOWN);
  const hidden = ranking.entries.length - rows.length;
  return (
    <div className="table-responsive mb-4">
      <table className="table table-sm align-middle" data-testid="ranking-table">
        <caption className="caption-top h5 text-body" data-testid="ranking-caption">
          {ranking.ownerName} – {ranking.comuneName}{' '}
          <span className="small fw-normal">({ranking.entries.length} domande)</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" className="text-end">
              Posizione
            </th>
            <th scope="col">Domanda</th>
            <th scope="col">Richiedente</th>
            <th scope="col" className="text-end">
              ISBAR
            </th>
            <th scope="col">Indigente</th>
            <th scope="col">Alloggi scelti</th>
            <th scope="col">Spiegazione</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.applicationId} data-testid="ranking-row">
              <td className="text-end">{e.position}</td>
              <td className="font-monospace text-nowrap">{e.platformId}</td>
              <td>{e.applicantName}</td>
              <td className="text-end" data-testid="ranking-isbar">
                {formatIsbar(e.isbar)}
              </td>
              <td>{e.indigent ? 'Sì' : 'No'}</td>
              <td className="font-monospace small">{e.unitIds.join(', ')}</td>
              <td>
                <Link to={explanationHref(e.applicationId, callId)} data-testid="explanation-link">
                  Perché questa posizione?<span className="visually-hidden"> Domanda {e.platformId}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {hidden > 0 ? (
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setAll(true)}>
          Mostra tutte le {ranking.entries.length} posizioni
          <span className="visually-hidden">
            {' '}
            di {ranking.ownerName} – {ranking.comuneName}
          </span>
        </button>
      ) : null}
    </div>
  );
}
