import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  MEASURE_KIND_LABELS,
  PAYEE_LABELS,
  roleAdministersMeasures,
  type MeasureDetail,
} from '../../../shared/measures.js';
import { roleManagesFunds } from '../../../shared/funds.js';
import { TextAreaField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { addVersion, getMeasure, listMeasures, updateMeasure } from './measures-api.js';
import { ApiProblem, Breadcrumb, Form, useAction } from './ui.js';

export function MeasuresPage() {
  const user = useCurrentUser();
  const measures = useApiResource('measures', listMeasures);
  return (
    <div className="container-xxl my-4" data-testid="measures-page">
      <Breadcrumb items={[{ label: 'Misure e contributi' }]} />
      <PageTitle title="Misure e contributi" />
      <ul className="list-inline">
        <li className="list-inline-item">
          <Link to="/misure/domande?stato=submitted">Da istruire</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/misure/domande?stato=review_passed">Da approvare</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/misure/domande">Tutte le domande</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/misure/fondi">Fondi</Link>
        </li>
        <li className="list-inline-item">
          <Link to="/misure/canone-concordato">Canone concordato</Link>
        </li>
        {roleManagesFunds(user.role) ? (
          <li className="list-inline-item">
            <Link to="/misure/pagamenti">Lotti di pagamento</Link>
          </li>
        ) : null}
      </ul>
      {measures.error ? <ErrorAlert error={measures.error} /> : null}
      {measures.loading && !measures.data ? <Loading /> : null}
      {measures.data ? (
        <div className="table-responsive">
          <table className="table table-hover" data-testid="measures-table">
            <caption className="visually-hidden">Misure di sostegno, con fondo e parametri in vigore</caption>
            <thead>
              <tr>
                <th scope="col">Misura</th>
                <th scope="col">Base giuridica</th>
                <th scope="col">Fondo</th>
                <th scope="col">Pagata a</th>
                <th scope="col">Parametri</th>
                <th scope="col">Stato</th>
              </tr>
            </thead>
            <tbody>
              {measures.data.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/misure/${encodeURIComponent(m.id)}`}>{m.name}</Link>
                  </th>
                  <td>{m.legalBasis}</td>
                  <td>{m.fundCode}</td>
                  <td>{PAYEE_LABELS[m.payee]}</td>
                  <td>
                    {m.currentVersion
                      ? `${m.currentVersion.version} dal ${formatDate(m.currentVersion.validFrom)}`
                      : '—'}
                    {m.unverifiedParameters.length > 0 ? (
                      <span className="badge bg-warning text-dark ms-2">
                        {m.unverifiedParameters.length} da verificare
                      </span>
                    ) : null}
                  </td>
                  <td>{m.active ? 'Attiva' : 'Non attiva'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function display(value: unknown): string {
  if (value === null) return 'non applicato';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function MeasurePage() {
  const { id = '' } = useParams();
  const m = useApiResource(`measure/${id}`, () => getMeasure(id));
  if (m.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={m.error} />
      </div>
    );
  if (!m.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  return <MeasureView measure={m.data} onChange={m.setData} />;
}

function MeasureView({
  measure: m,
  onChange,
}: {
  readonly measure: MeasureDetail;
  readonly onChange: (m: MeasureDetail) => void;
}) {
  const user = useCurrentUser();
  const admin = roleAdministersMeasures(user.role);
  const unverified = new Set(m.unverifiedParameters);
  const current = m.currentVersion;
  const [version, setVersion] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [json, setJson] = useState(JSON.stringify(current?.parameters ?? {}, null, 2));
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const action = useAction();
  async function submit() {
    let parameters: Record<string, unknown>;
    try {
      parameters = JSON.parse(json) as Record<string, unknown>;
      setJsonError(null);
    } catch {
      setJsonError('Parametri: JSON non valido.');
      return;
    }
    const r = await action.run(() => addVersion(m.id, { version, validFrom, parameters, note: note || null }));
    if (r) {
      onChange(r);
      setSaved(true);
    }
  }
  async function toggle() {
    const r = await action.run(() => updateMeasure(m.id, !m.active));
    if (r) onChange(r);
  }
  return (
    <div className="container-xxl my-4" data-testid="measure-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: m.name }]} />
      <PageTitle title={m.name} />
      <p>{m.description}</p>
      <dl className="row">
        <dt className="col-sm-3">Regola</dt>
        <dd className="col-sm-9">{MEASURE_KIND_LABELS[m.kind]}</dd>
        <dt className="col-sm-3">Base giuridica</dt>
        <dd className="col-sm-9">{m.legalBasis}</dd>
        <dt className="col-sm-3">Fondo</dt>
        <dd className="col-sm-9">{m.fundCode}</dd>
        <dt className="col-sm-3">Pagata a</dt>
        <dd className="col-sm-9">{PAYEE_LABELS[m.payee]}</dd>
        <dt className="col-sm-3">Documenti richiesti</dt>
        <dd className="col-sm-9">{m.requiredDocuments.map((d) => d.label).join('; ')}</dd>
        <dt className="col-sm-3">Stato</dt>
        <dd className="col-sm-9">
          {m.active ? 'Attiva' : 'Non attiva'}{' '}
          {admin ? (
            <button type="button" className="btn btn-sm btn-outline-primary ms-2" onClick={() => void toggle()}>
              {m.active ? 'Disattiva' : 'Attiva'}
            </button>
          ) : null}
        </dd>
      </dl>
      {current ? (
        <section aria-labelledby="parametri">
          <h2 id="parametri" className="h4">
            Parametri in vigore (versione {current.version}, dal {formatDate(current.validFrom)})
          </h2>
          <table className="table table-sm" data-testid="parameters-table">
            <caption className="visually-hidden">Parametri della regola</caption>
            <thead>
              <tr>
                <th scope="col">Parametro</th>
                <th scope="col">Valore</th>
                <th scope="col">Verifica</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(current.effective).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row" className="fw-normal font-monospace">
                    {k}
                  </th>
                  <td className="font-monospace">{display(v)}</td>
                  <td>
                    {unverified.has(k) ? (
                      <span className="badge bg-warning text-dark">Non verificato: impostato dall’amministratore</span>
                    ) : (
                      'Dalla fonte'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small">
            Gli importi sono in centesimi di euro. Le versioni non si modificano: una nuova versione vale dalla sua
            data.
          </p>
        </section>
      ) : null}
      <h2 className="h5">Versioni</h2>
      <ul>
        {m.versions.map((v) => (
          <li key={v.id}>
            {v.version}: dal {formatDate(v.validFrom)}
            {v.validTo ? ` al ${formatDate(v.validTo)}` : ''} {v.note ? `– ${v.note}` : ''}
          </li>
        ))}
      </ul>
      {admin ? (
        <section aria-labelledby="nuova-versione" className="card card-bg p-3">
          <h2 id="nuova-versione" className="h4">
            Nuova versione dei parametri
          </h2>
          <Form id="version" label="Nuova versione" onSubmit={() => void submit()}>
            <div className="row">
              <TextField
                id="v-version"
                className="col-md-4"
                label="Versione"
                required
                value={version}
                onValueChange={setVersion}
              />
              <TextField
                id="v-from"
                type="date"
                className="col-md-4"
                label="In vigore dal"
                required
                value={validFrom}
                onValueChange={setValidFrom}
              />
              <TextField
                id="v-note"
                className="col-md-4"
                label="Nota (atto di riferimento)"
                value={note}
                onValueChange={setNote}
              />
            </div>
            <TextAreaField
              id="v-json"
              label="Parametri (JSON)"
              rows={10}
              value={json}
              onValueChange={setJson}
              error={jsonError ?? undefined}
            />
            <ApiProblem error={action.error} />
            {saved ? <SuccessAlert>Versione registrata.</SuccessAlert> : null}
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Registra versione
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
