import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { applicationEntrySchema } from '../../../shared/applications.js';
import type { CallDetail } from '../../../shared/calls.js';
import { CheckboxField, SelectField, TextField } from '../../components/form-fields.js';
import { FormProblems } from '../../components/form-problems.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { fieldId, zodIssuesToFieldErrors } from '../../lib/form-errors.js';
import { parseEuroToCents } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError, useFormFeedback } from '../../lib/use-form-feedback.js';
import { getCall } from '../calls/calls-api.js';
import { getAmbito } from '../households/households-api.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import type { ApplicationFlash } from './application-page.js';
import { enterApplication } from './applications-api.js';
import { parseDecimal, parseInteger } from './labels.js';

const FORM = 'entry';

const LABELS: Record<string, string> = {
  householdId: 'Nucleo familiare',
  platformId: 'Numero della domanda',
  protocol: 'Protocollo',
  submittedAt: 'Data e ora di presentazione',
  fiscalCode: 'Codice fiscale del richiedente',
  lastName: 'Cognome',
  firstName: 'Nome',
  residenceComune: 'Comune di residenza',
  workComune: 'Comune di lavoro',
  membersCount: 'Componenti del nucleo',
  iseeCents: 'ISEE',
  isbar: 'ISBAR',
  indigent: 'Indigenza',
  reserveCategories: 'Categorie di riserva',
  invalidityPercent: 'Invalidità più alta',
  choice1: 'Primo alloggio scelto',
  choice2: 'Secondo alloggio scelto',
};

type Values = Record<
  | 'platformId'
  | 'protocol'
  | 'submittedAt'
  | 'fiscalCode'
  | 'lastName'
  | 'firstName'
  | 'residenceComune'
  | 'workComune'
  | 'membersCount'
  | 'isee'
  | 'isbar'
  | 'reserveCategories'
  | 'invalidityPercent'
  | 'choice1'
  | 'choice2',
  string
>;

const EMPTY: Values = {
  platformId: '',
  protocol: '',
  submittedAt: '',
  fiscalCode: '',
  lastName: '',
  firstName: '',
  residenceComune: '',
  workComune: '',
  membersCount: '',
  isee: '',
  isbar: '',
  reserveCategories: '',
  invalidityPercent: '',
  choice1: '',
  choice2: '',
};

export function FrontDeskEntryPage() {
  const { id = '' } = useParams();
  const call = useApiResource(`call/${id}`, () => getCall(id));
  const ambito = useApiResource('ambito', getAmbito);
  if (call.error?.status === 404) return <NotFoundPage />;
  const error = call.error ?? ambito.error;
  if (error) {
    return (
      <div className="container-xxl my-4">
        <PageTitle title="Nuova domanda allo sportello" />
        <ErrorAlert error={error} />
      </div>
    );
  }
  if (!call.data || !ambito.data) return <Loading />;
  return <EntryForm call={call.data} comuni={ambito.data.comuni.map((c) => c.name)} />;
}

function EntryForm({ call, comuni }: { readonly call: CallDetail; readonly comuni: readonly string[] }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const householdId = params.get('nucleo');
  const feedback = useFormFeedback();
  const [values, setValues] = useState<Values>(EMPTY);
  const [indigent, setIndigent] = useState(false);
  const [saving, setSaving] = useState(false);
  const callPath = `/avvisi/${encodeURIComponent(call.id)}`;

  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    feedback.clearField(field === 'isee' ? 'iseeCents' : field);
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const iseeCents = values.isee.trim() === '' ? undefined : (parseEuroToCents(values.isee) ?? Number.NaN);
    const parsed = applicationEntrySchema.safeParse({
      householdId,
      platformId: values.platformId,
      protocol: values.protocol,
      submittedAt: values.submittedAt,
      fiscalCode: values.fiscalCode,
      lastName: values.lastName,
      firstName: values.firstName,
      residenceComune: values.residenceComune,
      workComune: values.workComune,
      membersCount: parseInteger(values.membersCount),
      iseeCents,
      isbar: parseDecimal(values.isbar),
      indigent,
      reserveCategories: values.reserveCategories
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
      invalidityPercent: parseInteger(values.invalidityPercent) ?? null,
      choice1: values.choice1 || null,
      choice2: values.choice2 || null,
    });
    if (!parsed.success) {
      feedback.failClient(zodIssuesToFieldErrors(parsed.error.issues));
      return;
    }
    setSaving(true);
    try {
      const created = await enterApplication(call.id, parsed.data);
      void navigate(`/domande/${encodeURIComponent(created.id)}`, {
        state: {
          flash: `Domanda ${created.platformId} registrata e collegata al nucleo ${created.household.code}.`,
        } satisfies ApplicationFlash,
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      feedback.failServer(error);
      setSaving(false);
    }
  }

  const err = (path: string) => feedback.errors[path];
  const unitOptions = call.units.map((u) => ({
    value: u.code,
    label: `${u.code} — ${u.comuneName}, ${u.address} (${u.adequacy?.text.replace('Adeguato per nuclei ', '') ?? 'nessun nucleo'})`,
  }));
  const text = (field: keyof Values, path: string, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      className="col-12 col-md-6"
      id={fieldId(FORM, path)}
      label={LABELS[path] ?? path}
      value={values[field]}
      onValueChange={set(field)}
      error={err(path)}
      {...extra}
    />
  );

  return (
    <div className="container-xxl my-4" data-testid="entry-page">
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/avvisi">Avvisi</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item">
            <Link to={callPath}>{call.code}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            Nuova domanda allo sportello
          </li>
        </ol>
      </nav>
      <PageTitle title={`Nuova domanda allo sportello — avviso ${call.code}`} />
      <p>
        Per chi ha bisogno di aiuto: gli stessi dati e gli stessi controlli dell’esportazione della piattaforma
        regionale. Il numero della domanda è quello della piattaforma. La domanda è collegata al nucleo del richiedente
        trovato con il codice fiscale; se non c’è, si apre un nuovo fascicolo da completare.
        {householdId ? ' Il nucleo è quello da cui è stata aperta questa pagina.' : ''}
      </p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="entry-title" data-testid="entry-form">
        <h2 id="entry-title" className="visually-hidden">
          Dati della domanda
        </h2>
        <FormProblems formId={FORM} feedback={feedback} labelFor={(p) => LABELS[p] ?? ''} />
        <div className="row">
          {text('platformId', 'platformId', { required: true, maxLength: 64 })}
          {text('protocol', 'protocol', { required: true, maxLength: 100 })}
          {text('submittedAt', 'submittedAt', {
            required: true,
            type: 'datetime-local',
            hint: 'Ora italiana.',
          })}
          {text('fiscalCode', 'fiscalCode', { required: true, maxLength: 16, autoComplete: 'off' })}
          {text('lastName', 'lastName', { required: true, maxLength: 100 })}
          {text('firstName', 'firstName', { required: true, maxLength: 100 })}
          {text('residenceComune', 'residenceComune', { required: true, list: 'entry-comuni', maxLength: 100 })}
          {text('workComune', 'workComune', { list: 'entry-comuni', maxLength: 100 })}
          <datalist id="entry-comuni">
            {comuni.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          {text('membersCount', 'membersCount', { required: true, inputMode: 'numeric' })}
          {text('isee', 'iseeCents', { required: true, inputMode: 'decimal', hint: 'In euro, per esempio 8.450,00.' })}
          {text('isbar', 'isbar', {
            required: true,
            inputMode: 'decimal',
            hint: 'Il punteggio calcolato dalla piattaforma regionale, per esempio 14,25.',
          })}
          {text('invalidityPercent', 'invalidityPercent', {
            inputMode: 'numeric',
            hint: 'Percentuale di invalidità civile più alta nel nucleo; vuoto se nessuna.',
          })}
          {text('reserveCategories', 'reserveCategories', {
            hint: 'Codici separati da virgola, per esempio anziani, disabili.',
          })}
          <div className="col-12 col-md-6">
            <CheckboxField
              id={fieldId(FORM, 'indigent')}
              label="Nucleo indigente, con attestazione dei servizi sociali (R.R. 4/2017 art. 13)"
              checked={indigent}
              onCheckedChange={setIndigent}
              error={err('indigent')}
              className="mt-4"
            />
          </div>
          <SelectField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'choice1')}
            label={LABELS.choice1 ?? ''}
            placeholder="Nessuno (nessun alloggio adeguato)"
            options={unitOptions}
            value={values.choice1}
            onValueChange={set('choice1')}
            error={err('choice1')}
          />
          <SelectField
            className="col-12 col-md-6"
            id={fieldId(FORM, 'choice2')}
            label={LABELS.choice2 ?? ''}
            placeholder="Nessuno"
            options={unitOptions}
            value={values.choice2}
            onValueChange={set('choice2')}
            hint="Al massimo due alloggi, adeguati al nucleo (R.R. 4/2017 art. 9 c.3)."
            error={err('choice2')}
          />
        </div>
        <div className="d-flex gap-3 my-4">
          <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="entry-save">
            {saving ? 'Registrazione in corso…' : 'Registra la domanda'}
          </button>
          <Link to={callPath} className="btn btn-outline-primary">
            Annulla
          </Link>
        </div>
      </form>
    </div>
  );
}
