import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { roleManagesFunds } from '../../../shared/funds.js';
import { SelectField, TextField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { formatDate, formatDateTime, formatEuro, parseEuroToCents } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import {
  changeFundBudget,
  correctPayment,
  createBatch,
  createFund,
  getBatch,
  getFund,
  listBatches,
  listFunds,
} from '../measures/measures-api.js';
import { ApiProblem, Breadcrumb, Form, useAction } from '../measures/ui.js';

export function FundsPage() {
  const user = useCurrentUser();
  const funds = useApiResource('funds', listFunds);
  const [code, setCode] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [name, setName] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [budget, setBudget] = useState('');
  const action = useAction();
  const [budgetError, setBudgetError] = useState<string | undefined>(undefined);
  async function submit() {
    const budgetCents = parseEuroToCents(budget);
    setBudgetError(budgetCents === null ? 'Budget: inserire un importo in euro.' : undefined);
    if (budgetCents === null) return;
    if (await action.run(() => createFund({ code, year: Number(year), name, legalBasis, budgetCents }))) funds.reload();
  }
  return (
    <div className="container-xxl my-4" data-testid="funds-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: 'Fondi' }]} />
      <PageTitle title="Fondi" />
      <p>
        Il budget di ogni fondo è per anno: l’approvazione impegna, il pagamento eroga; il budget non può essere
        superato.
      </p>
      {funds.error ? <ErrorAlert error={funds.error} /> : null}
      {funds.loading && !funds.data ? <Loading /> : null}
      {funds.data ? (
        <div className="table-responsive">
          <table className="table" data-testid="funds-table">
            <caption className="visually-hidden">Fondi con budget, impegnato, pagato e residuo</caption>
            <thead>
              <tr>
                <th scope="col">Fondo</th>
                <th scope="col">Anno</th>
                <th scope="col" className="text-end">
                  Budget
                </th>
                <th scope="col" className="text-end">
                  Impegnato
                </th>
                <th scope="col" className="text-end">
                  Pagato
                </th>
                <th scope="col" className="text-end">
                  Residuo
                </th>
                <th scope="col" className="text-end">
                  Da pagare
                </th>
              </tr>
            </thead>
            <tbody>
              {funds.data.items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <Link to={`/misure/fondi/${f.id}`}>{f.name}</Link>{' '}
                    <span className="small text-secondary">({f.code})</span>
                  </th>
                  <td>{f.year}</td>
                  <td className="text-end">{formatEuro(f.budgetCents)}</td>
                  <td className="text-end">{formatEuro(f.committedCents)}</td>
                  <td className="text-end">{formatEuro(f.paidCents)}</td>
                  <td className="text-end">{formatEuro(f.remainingCents)}</td>
                  <td className="text-end">
                    {f.payableCount} ({formatEuro(f.payableCents)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {roleManagesFunds(user.role) ? (
        <section aria-labelledby="nuovo-fondo" className="card card-bg p-3 mt-4">
          <h2 id="nuovo-fondo" className="h4">
            Nuovo fondo
          </h2>
          <Form id="fund" label="Nuovo fondo" onSubmit={() => void submit()}>
            <div className="row">
              <TextField
                id="fund-code"
                className="col-md-2"
                label="Codice"
                required
                value={code}
                onValueChange={setCode}
                hint="Lo stesso della misura (es. FSA)."
              />
              <TextField
                id="fund-year"
                className="col-md-2"
                label="Anno"
                required
                inputMode="numeric"
                value={year}
                onValueChange={setYear}
              />
              <TextField
                id="fund-name"
                className="col-md-3"
                label="Nome"
                required
                value={name}
                onValueChange={setName}
              />
              <TextField
                id="fund-basis"
                className="col-md-3"
                label="Atto di stanziamento"
                required
                value={legalBasis}
                onValueChange={setLegalBasis}
              />
              <TextField
                id="fund-budget"
                className="col-md-2"
                label="Budget (€)"
                required
                inputMode="decimal"
                value={budget}
                onValueChange={setBudget}
                error={budgetError}
              />
            </div>
            <ApiProblem error={action.error} />
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Crea fondo
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

const ENTRY_LABELS: Record<string, string> = {
  budget: 'Stanziamento iniziale',
  budget_increase: 'Integrazione dello stanziamento',
  budget_decrease: 'Riduzione dello stanziamento',
  commitment: 'Impegno (approvazione)',
  payment: 'Pagamento',
  cancellation: 'Annullamento di un pagamento',
  recovery: 'Recupero di un pagamento',
  release: 'Impegno liberato',
};

/** A fund: its totals, its ledger, and (for managers) a change of budget by a later act. */
export function FundPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const fund = useApiResource(`fund/${id}`, () => getFund(id));
  const [direction, setDirection] = useState('');
  const [amount, setAmount] = useState('');
  const [act, setAct] = useState('');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  async function submit() {
    const amountCents = parseEuroToCents(amount);
    setAmountError(amountCents === null ? 'Importo: inserire un importo in euro.' : undefined);
    setSaved(null);
    if (amountCents === null) return;
    const updated = await action.run(() =>
      changeFundBudget(id, { direction: direction as 'increase', amountCents, act, note: note || null }),
    );
    if (updated) {
      fund.setData(updated);
      setSaved(`Stanziamento aggiornato: ${formatEuro(updated.budgetCents)}.`);
      setAmount('');
      setAct('');
      setNote('');
    }
  }
  if (fund.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={fund.error} />
      </div>
    );
  if (!fund.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const f = fund.data;
  return (
    <div className="container-xxl my-4" data-testid="fund-page">
      <Breadcrumb
        items={[
          { label: 'Misure e contributi', to: '/misure' },
          { label: 'Fondi', to: '/misure/fondi' },
          { label: `${f.code} ${f.year}` },
        ]}
      />
      <PageTitle title={`${f.name} (${f.year})`} />
      <p>{f.legalBasis}</p>
      <dl className="row" data-testid="fund-totals">
        <dt className="col-sm-3">Budget</dt>
        <dd className="col-sm-9">{formatEuro(f.budgetCents)}</dd>
        <dt className="col-sm-3">Impegnato</dt>
        <dd className="col-sm-9">{formatEuro(f.committedCents)}</dd>
        <dt className="col-sm-3">Pagato</dt>
        <dd className="col-sm-9">{formatEuro(f.paidCents)}</dd>
        <dt className="col-sm-3">Residuo</dt>
        <dd className="col-sm-9">{formatEuro(f.remainingCents)}</dd>
      </dl>
      {saved ? <SuccessAlert>{saved}</SuccessAlert> : null}
      {roleManagesFunds(user.role) ? (
        <section aria-labelledby="variazione" className="card card-bg p-3 mb-4">
          <h2 id="variazione" className="h4">
            Variazione dello stanziamento
          </h2>
          <p className="small">
            Un atto successivo (decreto regionale, delibera, determina) integra o riduce il budget dell’anno. Resta nel
            registro del fondo; il budget non può scendere sotto l’impegnato.
          </p>
          <Form id="budget-change" label="Variazione dello stanziamento" onSubmit={() => void submit()}>
            <div className="row">
              <SelectField
                id="budget-change-direction"
                className="col-md-3"
                label="Tipo"
                required
                value={direction}
                onValueChange={setDirection}
                options={[
                  { value: 'increase', label: 'Integrazione' },
                  { value: 'decrease', label: 'Riduzione' },
                ]}
                placeholder="Scegliere…"
              />
              <TextField
                id="budget-change-amount"
                className="col-md-3"
                label="Importo (€)"
                required
                inputMode="decimal"
                value={amount}
                onValueChange={setAmount}
                error={amountError}
              />
              <TextField
                id="budget-change-act"
                className="col-md-6"
                label="Atto (delibera, decreto, determina)"
                required
                value={act}
                onValueChange={setAct}
              />
              <TextField id="budget-change-note" className="col-12" label="Nota" value={note} onValueChange={setNote} />
            </div>
            <ApiProblem error={action.error} />
            <button type="submit" className="btn btn-primary" disabled={action.busy}>
              Registra la variazione
            </button>
          </Form>
        </section>
      ) : null}
      <div className="table-responsive">
        <table className="table table-sm" data-testid="fund-entries">
          <caption>Registro del fondo (ogni movimento è una nuova riga, nessuna è modificata)</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Movimento</th>
              <th scope="col" className="text-end">
                Importo
              </th>
              <th scope="col">Nota</th>
            </tr>
          </thead>
          <tbody>
            {f.entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{ENTRY_LABELS[e.kind] ?? e.kind}</td>
                <td className="text-end">{formatEuro(e.amountCents)}</td>
                <td className="small">{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function BatchesPage() {
  const funds = useApiResource('funds', listFunds);
  const batches = useApiResource('batches', listBatches);
  const [fundId, setFundId] = useState('');
  const [ref, setRef] = useState('');
  const [paidOn, setPaidOn] = useState(new Date().toISOString().slice(0, 10));
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction();
  async function submit() {
    const b = await action.run(() => createBatch({ fundId, accountingReference: ref, paidOn }));
    if (b) {
      setCreated(`Lotto ${b.code}: ${b.paymentsCount} pagamenti, ${formatEuro(b.totalCents)}.`);
      batches.reload();
      funds.reload();
    }
  }
  return (
    <div className="container-xxl my-4" data-testid="batches-page">
      <Breadcrumb items={[{ label: 'Misure e contributi', to: '/misure' }, { label: 'Lotti di pagamento' }]} />
      <PageTitle title="Lotti di pagamento" />
      <p>
        <a href="/api/payments/export.csv" data-testid="export-link">
          Esporta le prestazioni erogate (CSV per la rendicontazione nazionale)
        </a>
      </p>
      <section aria-labelledby="nuovo-lotto" className="card card-bg p-3 mb-4">
        <h2 id="nuovo-lotto" className="h4">
          Nuovo lotto
        </h2>
        <Form id="batch" label="Nuovo lotto" onSubmit={() => void submit()}>
          <div className="row">
            <SelectField
              id="batch-fund"
              className="col-md-5"
              label="Fondo"
              required
              value={fundId}
              onValueChange={setFundId}
              placeholder="Scegliere il fondo"
              options={(funds.data?.items ?? []).map((f) => ({
                value: f.id,
                label: `${f.name} ${f.year} – ${f.payableCount} da pagare (${formatEuro(f.payableCents)})`,
              }))}
            />
            <TextField
              id="batch-ref"
              className="col-md-4"
              label="Riferimento contabile (mandato)"
              required
              value={ref}
              onValueChange={setRef}
            />
            <TextField
              id="batch-date"
              type="date"
              className="col-md-3"
              label="Data di pagamento"
              required
              value={paidOn}
              onValueChange={setPaidOn}
            />
          </div>
          <ApiProblem error={action.error} />
          {created ? <SuccessAlert>{created}</SuccessAlert> : null}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.busy || !fundId}
            data-testid="batch-submit"
          >
            Crea lotto con tutte le domande approvate
          </button>
        </Form>
      </section>
      {batches.error ? <ErrorAlert error={batches.error} /> : null}
      {batches.data ? (
        batches.data.items.length === 0 ? (
          <p>Nessun lotto.</p>
        ) : (
          <table className="table" data-testid="batches-table">
            <caption className="visually-hidden">Lotti di pagamento</caption>
            <thead>
              <tr>
                <th scope="col">Lotto</th>
                <th scope="col">Fondo</th>
                <th scope="col">Mandato</th>
                <th scope="col">Data</th>
                <th scope="col" className="text-end">
                  Pagamenti
                </th>
                <th scope="col" className="text-end">
                  Totale
                </th>
              </tr>
            </thead>
            <tbody>
              {batches.data.items.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <Link to={`/misure/pagamenti/${encodeURIComponent(b.id)}`}>{b.code}</Link>
                  </th>
                  <td>{b.fundName}</td>
                  <td>{b.accountingReference}</td>
                  <td>{formatDate(b.paidOn)}</td>
                  <td className="text-end">{b.paymentsCount}</td>
                  <td className="text-end">{formatEuro(b.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </div>
  );
}

export function BatchPage() {
  const { id = '' } = useParams();
  const batch = useApiResource(`batch/${id}`, () => getBatch(id));
  const [reason, setReason] = useState('');
  const action = useAction();
  async function correct(paymentId: string, kind: 'cancellation' | 'recovery') {
    if (
      await action.run(() => correctPayment(paymentId, { kind, reason, onDate: new Date().toISOString().slice(0, 10) }))
    )
      batch.reload();
  }
  if (batch.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={batch.error} />
      </div>
    );
  if (!batch.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const b = batch.data;
  return (
    <div className="container-xxl my-4" data-testid="batch-page">
      <Breadcrumb
        items={[
          { label: 'Misure e contributi', to: '/misure' },
          { label: 'Lotti di pagamento', to: '/misure/pagamenti' },
          { label: b.code },
        ]}
      />
      <PageTitle title={`Lotto ${b.code}`} />
      <p>
        {b.fundName} – mandato {b.accountingReference} – {formatDate(b.paidOn)} – {b.paymentsCount} pagamenti,{' '}
        {formatEuro(b.totalCents)} (creato il {formatDateTime(b.createdAt)})
      </p>
      <TextField
        id="correction-reason"
        className="col-md-6"
        label="Motivazione per annullamenti o recuperi"
        value={reason}
        onValueChange={setReason}
      />
      <ApiProblem error={action.error} />
      <div className="table-responsive">
        <table className="table table-sm">
          <caption className="visually-hidden">Pagamenti del lotto e rettifiche</caption>
          <thead>
            <tr>
              <th scope="col">Beneficiario</th>
              <th scope="col">Codice fiscale</th>
              <th scope="col">IBAN</th>
              <th scope="col">Tipo</th>
              <th scope="col" className="text-end">
                Importo
              </th>
              <th scope="col">Rettifica</th>
            </tr>
          </thead>
          <tbody>
            {b.payments.map((p) => (
              <tr key={p.id}>
                <td>{p.payeeName}</td>
                <td className="font-monospace">{p.beneficiaryFiscalCode}</td>
                <td className="font-monospace small">{p.iban}</td>
                <td>{p.kind === 'payment' ? 'Pagamento' : p.kind === 'cancellation' ? 'Annullamento' : 'Recupero'}</td>
                <td className="text-end">{formatEuro(p.amountCents)}</td>
                <td>
                  {p.kind === 'payment' && !p.corrected ? (
                    <div className="d-flex gap-1">
                      <button
                        type="button"
                        className="btn btn-xs btn-outline-secondary"
                        disabled={!reason}
                        onClick={() => void correct(p.id, 'cancellation')}
                      >
                        Annulla
                      </button>
                      <button
                        type="button"
                        className="btn btn-xs btn-outline-danger"
                        disabled={!reason}
                        onClick={() => void correct(p.id, 'recovery')}
                      >
                        Recupera
                      </button>
                    </div>
                  ) : p.corrected ? (
                    'Rettificato'
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
