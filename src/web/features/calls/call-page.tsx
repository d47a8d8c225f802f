import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { formatDm2 } from '../../../core/sap/adequacy.js';
import {
  CALL_KIND_LABELS,
  PROGRAMME_LABELS,
  QUOTA_KIND_LABELS,
  SCORING_LABELS,
  SCORINGS,
  type CallDetail,
  type CallUnit,
} from '../../../shared/calls.js';
import { roleEntersSapApplications, roleManagesSap } from '../../../shared/permissions.js';
import { SelectField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getAmbito } from '../households/households-api.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import type { CallFlash } from './call-form-page.js';
import { addCallUnits, getCall, listCandidateUnits, removeCallUnit } from './calls-api.js';

const SECTIONS = [
  { id: 'dati', label: 'Dati' },
  { id: 'scadenze', label: 'Scadenze' },
  { id: 'quote', label: 'Quote' },
  { id: 'alloggi', label: 'Alloggi offerti' },
] as const;

export function CallPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const flash = (location.state as CallFlash | null)?.flash;
  const call = useApiResource(`call/${id}`, () => getCall(id));
  const user = useCurrentUser();

  if (call.error?.status === 404) return <NotFoundPage />;
  if (call.error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (call.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Avviso" />
        <ErrorAlert error={call.error}>
          <button type="button" className="btn btn-outline-primary btn-sm mt-3" onClick={call.reload}>
            Riprova
          </button>
        </ErrorAlert>
      </div>
    );
  }
  if (!call.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento dell’avviso…" />
      </div>
    );
  }
  const c = call.data;
  const manages = roleManagesSap(user.role);
  const base = `/avvisi/${encodeURIComponent(c.id)}`;
  return (
    <div className="container-xxl my-4" data-testid="call-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/erp">Edilizia pubblica (ERP)</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to="/avvisi">Avvisi</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {c.code}
          </li>
        </ol>
      </nav>
      {flash ? <SuccessAlert>{flash}</SuccessAlert> : null}
      <PageTitle title={`Avviso ${c.code}`}>
        Avviso <span data-testid="call-code">{c.code}</span>
      </PageTitle>
      <p className="lead">{c.name}</p>
      <ul className="list-inline" aria-label="Azioni sull’avviso">
        <li className="list-inline-item mb-2">
          <Link to={`${base}/domande`} className="btn btn-primary btn-sm" data-testid="call-applications">
            Domande ({c.applicationsCount})
          </Link>
        </li>
        {manages ? (
          <li className="list-inline-item mb-2">
            <Link to={`${base}/importa-domande`} className="btn btn-outline-primary btn-sm" data-testid="call-import">
              Importa domande
            </Link>
          </li>
        ) : null}
        {roleEntersSapApplications(user.role) ? (
          <li className="list-inline-item mb-2">
            <Link to={`${base}/domande/nuova`} className="btn btn-outline-primary btn-sm" data-testid="call-new-entry">
              Nuova domanda allo sportello
            </Link>
          </li>
        ) : null}
        <li className="list-inline-item mb-2">
          <Link to={`${base}/graduatorie`} className="btn btn-outline-primary btn-sm">
            Graduatorie
          </Link>
        </li>
        <li className="list-inline-item mb-2">
          <Link to={`${base}/assegnazioni`} className="btn btn-outline-primary btn-sm">
            Assegnazioni
          </Link>
        </li>
      </ul>
      <nav aria-label="Sezioni dell’avviso" className="section-index my-4">
        <ul className="list-inline mb-0">
          {SECTIONS.map((s) => (
            <li className="list-inline-item" key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <CallFacts call={c} />
      <DeadlinesSection call={c} />
      <QuotasSection call={c} />
      <UnitsSection call={c} manages={manages} onChange={call.setData} />
    </div>
  );
}

function CallFacts({ call: c }: { readonly call: CallDetail }) {
  return (
    <section aria-labelledby="dati" className="household-section">
      <h2 id="dati" className="h3" tabIndex={-1}>
        Dati
      </h2>
      <dl className="row household-facts" data-testid="call-facts">
        <dt className="col-sm-4 col-lg-3">Tipo</dt>
        <dd className="col-sm-8 col-lg-9">{CALL_KIND_LABELS[c.kind]}</dd>
        <dt className="col-sm-4 col-lg-3">Programma</dt>
        <dd className="col-sm-8 col-lg-9">{PROGRAMME_LABELS[c.programme]}</dd>
        <dt className="col-sm-4 col-lg-3">Punteggio</dt>
        <dd className="col-sm-8 col-lg-9">
          {SCORINGS.find((s) => s === c.scoring) ? SCORING_LABELS[c.scoring as (typeof SCORINGS)[number]] : c.scoring}
          {c.schemeCode ? ` (schema ${c.schemeCode}, versione ${c.schemeVersion ?? ''})` : ''}
        </dd>
        <dt className="col-sm-4 col-lg-3">Domande</dt>
        <dd className="col-sm-8 col-lg-9" data-testid="call-window">
          dal {formatDate(c.opensOn)} al {formatDate(c.closesOn)} ({c.windowDays} giorni)
        </dd>
        <dt className="col-sm-4 col-lg-3">Quota indigenti</dt>
        <dd className="col-sm-8 col-lg-9">{c.indigentPercent}%</dd>
        <dt className="col-sm-4 col-lg-3">Riserve</dt>
        <dd className="col-sm-8 col-lg-9">
          {c.quotasConfig.length === 0
            ? 'Nessuna'
            : c.quotasConfig
                .map(
                  (q) =>
                    `${q.ownerName}: ${q.reservePercent}%${c.kind === 'police_forces' ? `, Forze di Polizia ${q.policePercent}%` : ''}`,
                )
                .join('; ')}
        </dd>
        <dt className="col-sm-4 col-lg-3">Criteri di parità</dt>
        <dd className="col-sm-8 col-lg-9">
          <ol className="mb-1" data-testid="call-tie-break">
            {c.tieBreakKeys.map((k) => (
              <li key={k.key}>{k.label}</li>
            ))}
          </ol>
          <p className="small mb-0">
            Elenco configurabile per ogni avviso: l’ordine del R.R. 4/2017 art. 12 c.3 non è stato ancora verificato sul
            testo ufficiale. Seme del sorteggio, fissato alla creazione: <code>{c.drawSeed}</code>.
          </p>
        </dd>
        <dt className="col-sm-4 col-lg-3">Rinunce</dt>
        <dd className="col-sm-8 col-lg-9">
          {c.refusalPolicy.text} <span className="small text-secondary">({c.refusalPolicy.source})</span>
        </dd>
        <dt className="col-sm-4 col-lg-3">Creato</dt>
        <dd className="col-sm-8 col-lg-9">
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
          {c.createdByName ? ` da ${c.createdByName}` : ''}
        </dd>
      </dl>
    </section>
  );
}

function DeadlinesSection({ call: c }: { readonly call: CallDetail }) {
  return (
    <section aria-labelledby="scadenze" className="household-section">
      <h2 id="scadenze" className="h3" tabIndex={-1}>
        Scadenze
      </h2>
      {c.deadlinesProjected ? (
        <p className="small">
          Le scadenze dopo la graduatoria provvisoria sono calcolate supponendo che sia pubblicata l’ultimo giorno
          utile; si aggiornano con la data effettiva di pubblicazione. I termini sono in giorni di calendario.
        </p>
      ) : null}
      <div className="table-responsive">
        <table className="table align-middle" data-testid="call-deadlines">
          <caption className="visually-hidden">Scadenze dell’avviso</caption>
          <thead>
            <tr>
              <th scope="col">Entro il</th>
              <th scope="col">Che cosa</th>
              <th scope="col">Fonte</th>
            </tr>
          </thead>
          <tbody>
            {c.deadlines.map((d) => (
              <tr key={d.code} data-testid={`deadline-${d.code}`}>
                <td className="text-nowrap">{formatDate(d.on)}</td>
                <td>{d.text}</td>
                <td className="small">{d.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function QuotasSection({ call: c }: { readonly call: CallDetail }) {
  return (
    <section aria-labelledby="quote" className="household-section">
      <h2 id="quote" className="h3" tabIndex={-1}>
        Quote
      </h2>
      {c.quotas.length === 0 ? (
        <p data-testid="quotas-empty">Le quote si calcolano sugli alloggi offerti: l’avviso non ne offre ancora.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="call-quotas">
            <caption className="visually-hidden">Quote calcolate sugli alloggi offerti</caption>
            <thead>
              <tr>
                <th scope="col">Quota</th>
                <th scope="col">Ente</th>
                <th scope="col">Comune</th>
                <th scope="col" className="text-end">
                  Alloggi
                </th>
                <th scope="col" className="text-end">
                  Numero
                </th>
                <th scope="col">Calcolo e fonte</th>
              </tr>
            </thead>
            <tbody>
              {c.quotas.map((q) => (
                <tr key={`${q.kind}-${q.ownerId}-${q.comuneName ?? ''}`} data-testid="quota-row">
                  <td>{QUOTA_KIND_LABELS[q.kind]}</td>
                  <td>{q.ownerName}</td>
                  <td>{q.comuneName ?? '—'}</td>
                  <td className="text-end">{q.unitsAvailable}</td>
                  <td className="text-end fw-semibold">{q.count}</td>
                  <td>
                    {q.text} <span className="small text-secondary d-block">{q.source}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small">Parametri delle quote: versione {c.quotaParametersVersion}.</p>
    </section>
  );
}

function UnitsSection(props: {
  readonly call: CallDetail;
  readonly manages: boolean;
  readonly onChange: (c: CallDetail) => void;
}) {
  const { call: c, manages } = props;
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function remove(unit: CallUnit) {
    setProblem(null);
    setMessage(null);
    try {
      props.onChange(await removeCallUnit(c.id, unit.unitId));
      setMessage(`Alloggio ${unit.code} tolto dall’avviso.`);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error);
    }
  }

  return (
    <section aria-labelledby="alloggi" className="household-section">
      <h2 id="alloggi" className="h3" tabIndex={-1}>
        Alloggi offerti ({c.units.length})
      </h2>
      <div aria-live="polite">
        {problem ? <ErrorAlert error={problem} /> : null}
        {message ? <SuccessAlert>{message}</SuccessAlert> : null}
      </div>
      {c.units.length === 0 ? (
        <p data-testid="call-units-empty">Nessun alloggio offerto.</p>
      ) : (
        <div className="table-responsive">
          <table className="table align-middle" data-testid="call-units">
            <caption className="visually-hidden">Alloggi offerti dall’avviso</caption>
            <thead>
              <tr>
                <th scope="col">Alloggio</th>
                <th scope="col">Ente</th>
                <th scope="col">Comune e indirizzo</th>
                <th scope="col" className="text-end">
                  Superficie utile
                </th>
                <th scope="col">Adeguato per</th>
                <th scope="col">Accessibile</th>
                <th scope="col" className="text-end">
                  Scelto da
                </th>
                {manages ? <th scope="col">Azioni</th> : null}
              </tr>
            </thead>
            <tbody>
              {c.units.map((u) => (
                <tr key={u.unitId} data-testid="call-unit-row">
                  <th scope="row">
                    <Link to={`/alloggi/${encodeURIComponent(u.unitId)}`}>{u.code}</Link>
                    {u.reserveCategory ? <span className="d-block small">Riserva: {u.reserveCategory}</span> : null}
                  </th>
                  <td>{u.ownerName}</td>
                  <td>
                    {u.comuneName}, {u.address}
                  </td>
                  <td className="text-end text-nowrap">{formatDm2(u.floorAreaDm2)}</td>
                  <td>{u.adequacy?.text ?? 'Nessun nucleo'}</td>
                  <td>{u.accessible ? 'Sì' : 'No'}</td>
                  <td className="text-end">{u.chosenBy}</td>
                  {manages ? (
                    <td>
                      {u.chosenBy === 0 ? (
                        <button
                          type="button"
                          className="btn btn-outline-danger btn-xs"
                          onClick={() => void remove(u)}
                          aria-label={`Togli l’alloggio ${u.code} dall’avviso`}
                        >
                          Togli
                        </button>
                      ) : (
                        <span className="small">Scelto: non si toglie</span>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small">
        Adeguatezza secondo la tabella del R.R. 4/2017 art. 9 (superficie utile): una persona sola può avere un alloggio
        sotto i 28 m².
      </p>
      {manages ? <AddUnitsForm call={c} onChange={props.onChange} /> : null}
    </section>
  );
}

function AddUnitsForm({
  call: c,
  onChange,
}: {
  readonly call: CallDetail;
  readonly onChange: (c: CallDetail) => void;
}) {
  const ambito = useApiResource('ambito', getAmbito);
  const [comuneId, setComuneId] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState<{ comuneId: string; q: string } | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const candidates = useApiResource(
    search ? `candidates/${c.id}/${search.comuneId}/${search.q}/${c.units.length}` : null,
    () =>
      listCandidateUnits(c.id, {
        comuneId: search?.comuneId || undefined,
        q: search?.q || undefined,
        limit: 100,
        offset: 0,
      }),
  );

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setSelected([]);
    setAdded(null);
    setSearch({ comuneId, q: q.trim() });
  }

  async function onAdd() {
    if (saving || selected.length === 0) return;
    setSaving(true);
    setProblem(null);
    try {
      onChange(await addCallUnits(c.id, selected));
      setAdded(`${selected.length === 1 ? '1 alloggio aggiunto' : `${selected.length} alloggi aggiunti`} all’avviso.`);
      setSelected([]);
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error);
    } finally {
      setSaving(false);
    }
  }

  const items = candidates.data?.items ?? [];
  return (
    <div className="subform mt-4" data-testid="add-units">
      <h3 className="h5">Aggiungi alloggi all’avviso</h3>
      <p className="small">
        Alloggi dell’Ambito dello stesso programma, disponibili o con lavori da fare (R.R. 4/2017 art. 8 c.3); gli
        alloggi assegnati o non assegnabili non si offrono. Per caricare molti alloggi da file usare{' '}
        <Link to="/alloggi/importa">l’importazione degli alloggi</Link>.
      </p>
      <form role="search" aria-label="Ricerca degli alloggi da offrire" onSubmit={onSearch} noValidate>
        <div className="row g-3 align-items-end">
          <div className="col-12 col-md-5">
            <SelectField
              id="candidates-comune"
              label="Comune"
              placeholder="Tutti i Comuni"
              options={(ambito.data?.comuni ?? []).map((x) => ({ value: x.id, label: x.name }))}
              value={comuneId}
              onValueChange={setComuneId}
            />
          </div>
          <div className="col-12 col-md-5">
            <TextField id="candidates-q" label="Codice o indirizzo" value={q} onValueChange={setQ} maxLength={100} />
          </div>
          <div className="col-12 col-md-2">
            <div className="form-group">
              <button type="submit" className="btn btn-outline-primary w-100" data-testid="candidates-search">
                Cerca
              </button>
            </div>
          </div>
        </div>
      </form>
      <div aria-live="polite">
        {problem ? <ErrorAlert error={problem} /> : null}
        {added ? <SuccessAlert>{added}</SuccessAlert> : null}
        {candidates.error ? <ErrorAlert error={candidates.error} /> : null}
        {search && candidates.data ? (
          <p className="mb-2">
            {candidates.data.total === 0
              ? 'Nessun alloggio da aggiungere.'
              : `${candidates.data.total} alloggi trovati${candidates.data.total > items.length ? `, mostrati i primi ${items.length}` : ''}.`}
          </p>
        ) : null}
      </div>
      {items.length > 0 ? (
        <>
          <div className="table-responsive">
            <table className="table align-middle" data-testid="candidate-units">
              <caption className="visually-hidden">Alloggi che l’avviso può offrire</caption>
              <thead>
                <tr>
                  <th scope="col">Scegli</th>
                  <th scope="col">Alloggio</th>
                  <th scope="col">Ente</th>
                  <th scope="col">Comune e indirizzo</th>
                  <th scope="col" className="text-end">
                    Superficie utile
                  </th>
                  <th scope="col">Adeguato per</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.unitId}>
                    <td>
                      <div className="form-check my-0">
                        <input
                          id={`candidate-${u.unitId}`}
                          type="checkbox"
                          checked={selected.includes(u.unitId)}
                          data-testid="candidate-check"
                          onChange={(e) =>
                            setSelected((s) => (e.target.checked ? [...s, u.unitId] : s.filter((x) => x !== u.unitId)))
                          }
                        />
                        <label htmlFor={`candidate-${u.unitId}`}>
                          <span className="visually-hidden">Aggiungi {u.code}</span>
                        </label>
                      </div>
                    </td>
                    <td>{u.code}</td>
                    <td>{u.ownerName}</td>
                    <td>
                      {u.comuneName}, {u.address}
                    </td>
                    <td className="text-end text-nowrap">{formatDm2(u.floorAreaDm2)}</td>
                    <td>{u.adequacy?.text ?? 'Nessun nucleo'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="btn btn-primary mb-3"
            aria-disabled={saving || selected.length === 0}
            onClick={() => void onAdd()}
            data-testid="candidates-add"
          >
            {saving ? 'Aggiunta in corso…' : `Aggiungi gli alloggi scelti (${selected.length})`}
          </button>
        </>
      ) : null}
    </div>
  );
}
