import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CALL_KIND_LABELS,
  callInputSchema,
  PROGRAMME_LABELS,
  REFUSAL_POLICY_IDS,
  REFUSAL_POLICY_LABELS,
  TIE_BREAK_KEY_LABELS,
  TIE_BREAK_KEYS,
  type CallKind,
  type Programme,
} from '../../../shared/calls.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { getAmbito, type Ambito } from '../households/households-api.js';
import { parseInteger } from '../applications/labels.js';
import { createCall } from './calls-api.js';

const FORM = 'call';
const KEY_SLOTS = TIE_BREAK_KEYS.length;
const DEFAULT_KEYS = ['lower_isee', 'earlier_submission', 'seeded_draw'];

const LABELS: Record<string, string> = {
  name: 'Nome dell’avviso',
  kind: 'Tipo di avviso',
  programme: 'Programma',
  opensOn: 'Data di apertura',
  closesOn: 'Data di chiusura',
  indigentPercent: 'Quota indigenti',
  tieBreakKeys: 'Criteri di parità',
  refusalPolicy: 'Regola sulle rinunce',
};

export interface CallFlash {
  readonly flash?: string;
}

export function NewCallPage() {
  const ambito = useApiResource('ambito', getAmbito);
  if (ambito.error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Nuovo avviso" />
        <ErrorAlert error={ambito.error} />
      </div>
    );
  }
  if (!ambito.data) return <Loading />;
  return <CallForm owners={ambito.data.owners} />;
}

interface QuotaValues {
  reserve: string;
  police: string;
}

function CallForm({ owners }: { readonly owners: Ambito['owners'] }) {
  const navigate = useNavigate();
  const feedback = useFormFeedback();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<CallKind>('ordinary');
  const [programme, setProgramme] = useState<Programme>('sap');
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [indigent, setIndigent] = useState('20');
  const [quotas, setQuotas] = useState<QuotaValues[]>(() => owners.map(() => ({ reserve: '', police: '' })));
  const [keys, setKeys] = useState<string[]>(() => Array.from({ length: KEY_SLOTS }, (_, i) => DEFAULT_KEYS[i] ?? ''));
  const [refusalPolicy, setRefusalPolicy] = useState(REFUSAL_POLICY_IDS[0]);

  const chosenSlots = keys.map((k, i) => (k === '' ? -1 : i)).filter((i) => i >= 0);

  function labelFor(path: string): string {
    const quota = /^quotas\.(\d+)\.(\w+)$/.exec(path);
    if (quota) {
      const owner = owners[Number(quota[1])]?.name ?? '';
      return `${quota[2] === 'policePercent' ? 'Quota Forze di Polizia' : 'Riserva'} di ${owner}`;
    }
    if (path.startsWith('tieBreakKeys')) return 'Criteri di parità';
    return LABELS[path] ?? '';
  }

  function targetFor(path: string): string {
    const key = /^tieBreakKeys\.(\d+)$/.exec(path);
    if (key) return fieldId(FORM, `tieBreakKeys.${chosenSlots[Number(key[1])] ?? 0}`);
    if (path === 'tieBreakKeys') return fieldId(FORM, 'tieBreakKeys.0');
    return fieldId(FORM, path);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const parsed = callInputSchema.safeParse({
      name,
      kind,
      programme,
      opensOn,
      closesOn,
      indigentPercent: parseInteger(indigent),
      quotas: owners.map((o, i) => ({
        ownerId: o.id,
        reservePercent: parseInteger(quotas[i]?.reserve ?? '') ?? 0,
        policePercent: kind === 'police_forces' ? (parseInteger(quotas[i]?.police ?? '') ?? 0) : 0,
      })),
      tieBreakKeys: keys.filter((k) => k !== ''),
      refusalPolicy,
    });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      const call = await createCall(parsed.data);
      void navigate(`/avvisi/${encodeURIComponent(call.id)}`, {
        state: { flash: `Avviso ${call.code} creato.` } satisfies CallFlash,
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
      setSaving(false);
    }
  }

  const err = (path: string) => feedback.errors[path];
  const keyError = (slot: number) => {
    const index = chosenSlots.indexOf(slot);
    return index >= 0 ? err(`tieBreakKeys.${index}`) : slot === 0 ? err('tieBreakKeys') : undefined;
  };

  return (
    <div className="container-xxl my-4" data-testid="call-form-page">
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
            Nuovo avviso
          </li>
        </ol>
      </nav>
      <PageTitle title="Nuovo avviso" />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="call-form-title" data-testid="call-form">
        <h2 id="call-form-title" className="visually-hidden">
          Dati dell’avviso
        </h2>
        <FormProblems formId={FORM} feedback={feedback} labelFor={labelFor} targetFor={targetFor} />
        <div className="row">
          <TextField
            className="col-12"
            id={fieldId(FORM, 'name')}
            label="Nome dell’avviso"
            required
            maxLength={200}
            value={name}
            onValueChange={(v) => {
              setName(v);
              feedback.clearField('name');
            }}
            error={err('name')}
          />
          <SelectField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'kind')}
            label="Tipo di avviso"
            options={optionsFrom(CALL_KIND_LABELS)}
            value={kind}
            onValueChange={(v) => {
              setKind(v === 'police_forces' ? 'police_forces' : 'ordinary');
              feedback.clearField('quotas');
            }}
            hint="Gli avvisi per le Forze di Polizia (artt. 7 bis e 7 ter) sono avvisi separati."
            error={err('kind')}
          />
          <SelectField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'programme')}
            label="Programma"
            options={optionsFrom(PROGRAMME_LABELS)}
            value={programme}
            onValueChange={(v) => setProgramme(v as Programme)}
            error={err('programme')}
          />
          <TextField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'opensOn')}
            type="date"
            label="Data di apertura"
            required
            value={opensOn}
            onValueChange={(v) => {
              setOpensOn(v);
              feedback.clearField('opensOn');
              feedback.clearField('closesOn');
            }}
            error={err('opensOn')}
          />
          <TextField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'closesOn')}
            type="date"
            label="Data di chiusura"
            required
            hint="Il periodo per le domande dura almeno 30 giorni, apertura e chiusura comprese (R.R. 4/2017 art. 8 c.2)."
            value={closesOn}
            onValueChange={(v) => {
              setClosesOn(v);
              feedback.clearField('closesOn');
            }}
            error={err('closesOn')}
          />
          <TextField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'indigentPercent')}
            label="Quota per i nuclei indigenti (%)"
            inputMode="numeric"
            hint="20% per legge (R.R. 4/2017 art. 13); un Comune può superarla solo sui propri alloggi."
            value={indigent}
            onValueChange={(v) => {
              setIndigent(v);
              feedback.clearField('indigentPercent');
            }}
            error={err('indigentPercent')}
          />
        </div>

        <fieldset className="subform" aria-describedby="quotas-hint">
          <legend className="h5">Riserve per ente proprietario</legend>
          <p id="quotas-hint" className="small">
            Ogni ente può riservare fino al 20% degli alloggi alle categorie dell’art. 14 (R.R. 4/2017 art. 4 c.3 lett.
            c bis, arrotondamento all’unità superiore da 0,5)
            {kind === 'police_forces' ? '; la quota per le Forze di Polizia è al massimo del 20% (lett. d bis)' : ''}.
            Lasciare vuoto per nessuna riserva.
          </p>
          <div className="row">
            {owners.map((o, i) => (
              <div key={o.id} className="col-12 col-lg-6">
                <div className="row">
                  <TextField
                    className={kind === 'police_forces' ? 'col-6' : 'col-12'}
                    id={fieldId(FORM, `quotas.${i}.reservePercent`)}
                    label={`Riserva di ${o.name} (%)`}
                    inputMode="numeric"
                    value={quotas[i]?.reserve ?? ''}
                    onValueChange={(v) => {
                      setQuotas((q) => q.map((x, j) => (j === i ? { ...x, reserve: v } : x)));
                      feedback.clearField(`quotas.${i}.reservePercent`);
                    }}
                    error={err(`quotas.${i}.reservePercent`)}
                  />
                  {kind === 'police_forces' ? (
                    <TextField
                      className="col-6"
                      id={fieldId(FORM, `quotas.${i}.policePercent`)}
                      label={`Forze di Polizia, ${o.name} (%)`}
                      inputMode="numeric"
                      value={quotas[i]?.police ?? ''}
                      onValueChange={(v) => {
                        setQuotas((q) => q.map((x, j) => (j === i ? { ...x, police: v } : x)));
                        feedback.clearField(`quotas.${i}.policePercent`);
                      }}
                      error={err(`quotas.${i}.policePercent`)}
                    />
                  ) : null}
                </div>
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset className="subform" aria-describedby="keys-hint">
          <legend className="h5">Criteri per le parità di punteggio</legend>
          <p id="keys-hint" className="small">
            A parità di ISBAR le domande sono ordinate con questi criteri, nell’ordine. L’elenco è configurabile: quello
            previsto dal R.R. 4/2017 art. 12 c.3 non è stato ancora verificato sul testo ufficiale, e l’ordine proposto
            (ISEE più basso, domanda presentata prima, sorteggio) è una scelta dell’Agenzia. Il seme del sorteggio è
            estratto alla creazione dell’avviso e conservato.
          </p>
          <div className="row">
            {keys.map((k, slot) => (
              <SelectField
                key={slot}
                className="col-12 col-md-6 col-lg-4"
                id={fieldId(FORM, `tieBreakKeys.${slot}`)}
                label={`${slot + 1}° criterio`}
                placeholder="Nessuno"
                options={optionsFrom(TIE_BREAK_KEY_LABELS)}
                value={k}
                onValueChange={(v) => {
                  setKeys((all) => all.map((x, j) => (j === slot ? v : x)));
                  feedback.clearField('tieBreakKeys');
                }}
                error={keyError(slot)}
              />
            ))}
          </div>
        </fieldset>

        <div className="row">
          <SelectField
            className="col-12"
            id={fieldId(FORM, 'refusalPolicy')}
            label="Regola sulle rinunce"
            options={REFUSAL_POLICY_IDS.map((id) => ({ value: id, label: REFUSAL_POLICY_LABELS[id] ?? id }))}
            value={refusalPolicy}
            onValueChange={setRefusalPolicy}
            hint="Regola configurabile: le conseguenze della rinuncia (R.R. 4/2017 artt. 15–16) non sono state verificate."
            error={err('refusalPolicy')}
          />
        </div>
        <div className="d-flex gap-3 my-4">
          <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="call-save">
            {saving ? 'Salvataggio in corso…' : 'Crea l’avviso'}
          </button>
          <Link to="/avvisi" className="btn btn-outline-primary">
            Annulla
          </Link>
        </div>
      </form>
    </div>
  );
}
