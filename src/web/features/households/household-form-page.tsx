import { Icon } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { HouseholdDetail } from '../../../shared/households.js';
import { CheckboxField, SelectField, TextField } from '../../components/form-fields.js';
import { ErrorSummary, type SummaryItem } from '../../components/error-summary.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, describeApiError } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { loadDraft, removeDraft, saveDraft } from '../../lib/drafts.js';
import {
  apiIssuesToFieldErrors,
  fieldId,
  withFieldLabel,
  withoutError,
  type FieldErrors,
} from '../../lib/form-errors.js';
import { useApiResource } from '../../lib/use-api.js';
import { ForbiddenPage } from '../auth/require-auth.js';
import { useCurrentUser } from '../auth/session-context.js';
import { NotFoundPage } from '../shell/not-found-page.js';
import type { HouseholdFlash } from './household-page.js';
import {
  emptyHousehold,
  emptyMember,
  householdFieldLabel,
  householdValuesSchema,
  validateHousehold,
  valuesFromDetail,
  type HouseholdValues,
  type MemberValues,
} from './household-form-model.js';
import { createHousehold, getAmbito, getHousehold, updateHousehold, type Ambito } from './households-api.js';
import { MemberFieldset } from './member-fieldset.js';

const FORM = 'household';
const MAX_MEMBERS = 20;

interface Draft {
  readonly values: HouseholdValues;
  readonly version?: number | undefined;
}

function readDraft(name: string): Draft | undefined {
  const raw = loadDraft(name);
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { values, version } = raw as { values?: unknown; version?: unknown };
  const parsed = householdValuesSchema.safeParse(values);
  if (!parsed.success) return undefined;
  return { values: parsed.data, version: typeof version === 'number' ? version : undefined };
}

export function NewHouseholdPage() {
  const user = useCurrentUser();
  const ambito = useApiResource('ambito', getAmbito);
  if (ambito.error) return <PageError error={ambito.error} title="Nuovo nucleo familiare" />;
  if (!ambito.data) return <Loading />;
  const comuni = allowedComuni(ambito.data, user.comuneIds);
  const only = comuni.length === 1 ? comuni[0] : undefined;
  const draft = readDraft('household-new');
  return (
    <HouseholdForm
      mode="new"
      comuni={comuni}
      initial={draft?.values ?? emptyHousehold(only?.id ?? '', only?.name ?? '')}
      restored={draft !== undefined}
      draftName="household-new"
    />
  );
}

export function EditHouseholdPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const ambito = useApiResource('ambito', getAmbito);
  const household = useApiResource(`household/${id}`, () => getHousehold(id));
  const error = household.error ?? ambito.error;
  if (error?.status === 404) return <NotFoundPage />;
  if (error?.code === 'FORBIDDEN') return <ForbiddenPage />;
  if (error) return <PageError error={error} title="Modifica del nucleo" />;
  if (!household.data || !ambito.data) return <Loading />;
  const draftName = `household-${household.data.id}`;
  const draft = readDraft(draftName);
  return (
    <HouseholdForm
      key={household.data.id}
      mode="edit"
      household={household.data}
      comuni={allowedComuni(ambito.data, user.comuneIds)}
      initial={draft?.values ?? valuesFromDetail(household.data)}
      initialVersion={draft?.version ?? household.data.version}
      restored={draft !== undefined}
      draftName={draftName}
    />
  );
}

function allowedComuni(ambito: Ambito, comuneIds: readonly string[]) {
  return ambito.comuni.filter((c) => comuneIds.length === 0 || comuneIds.includes(c.id));
}

function PageError({ error, title }: { readonly error: ApiError; readonly title: string }) {
  return (
    <div className="container-xxl my-4">
      <PageTitle title={title} />
      <ErrorAlert error={error} />
    </div>
  );
}

type FormProps = {
  readonly comuni: Ambito['comuni'];
  readonly initial: HouseholdValues;
  readonly restored: boolean;
  readonly draftName: string;
} & (
  | { readonly mode: 'new' }
  | { readonly mode: 'edit'; readonly household: HouseholdDetail; readonly initialVersion: number }
);

function HouseholdForm(props: FormProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState<HouseholdValues>(props.initial);
  const [dirty, setDirty] = useState(false);
  const [restored, setRestored] = useState(props.restored);
  const [version, setVersion] = useState(props.mode === 'edit' ? props.initialVersion : 0);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [duplicates, setDuplicates] = useState<FieldErrors>({});
  const [acknowledge, setAcknowledge] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [failures, setFailures] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const householdId = props.mode === 'edit' ? props.household.id : null;
  const title = props.mode === 'edit' ? `Modifica del nucleo ${props.household.code}` : 'Nuovo nucleo familiare';

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  useEffect(() => {
    const target = pendingFocus.current;
    if (target === null) return;
    pendingFocus.current = null;
    document.getElementById(target)?.focus();
  });

  // Every change is kept in this tab until the form is saved, so a refresh or an expired session loses nothing.
  useEffect(() => {
    if (dirty) saveDraft(props.draftName, { values, version: householdId ? version : undefined });
  }, [dirty, values, version, householdId, props.draftName]);

  function update(next: (v: HouseholdValues) => HouseholdValues, clearPath?: string) {
    setValues(next);
    setDirty(true);
    if (clearPath !== undefined) {
      setErrors((e) => withoutError(e, clearPath));
      setDuplicates((d) => withoutError(d, clearPath));
    }
  }

  const setField = (field: Exclude<keyof HouseholdValues, 'members' | 'loneParent'>) => (value: string) =>
    update((v) => ({ ...v, [field]: value }), field);

  function setComune(comuneId: string) {
    const previous = props.comuni.find((c) => c.id === values.comuneId)?.name ?? '';
    const next = props.comuni.find((c) => c.id === comuneId)?.name ?? '';
    update(
      (v) => ({
        ...v,
        comuneId,
        // Fill the city from the Comune unless the operator typed another one.
        addressCity: v.addressCity === '' || v.addressCity === previous ? next : v.addressCity,
      }),
      'comuneId',
    );
  }

  function setMember(index: number, field: keyof MemberValues, value: string) {
    update(
      (v) => ({ ...v, members: v.members.map((m, i) => (i === index ? { ...m, [field]: value } : m)) }),
      `members.${index}.${field}`,
    );
    if (field === 'relation') setErrors((e) => withoutError(e, 'members'));
  }

  function addMember() {
    const index = values.members.length;
    update((v) => ({ ...v, members: [...v.members, emptyMember()] }));
    pendingFocus.current = fieldId(FORM, `members.${index}.fiscalCode`);
    setAnnouncement(`Aggiunto il componente ${index + 1}.`);
  }

  function removeMember(index: number) {
    update((v) => ({ ...v, members: v.members.filter((_, i) => i !== index) }));
    // Paths of the following members shift: their old errors would point at the wrong person.
    setErrors((e) => withoutError(e, 'members'));
    setDuplicates({});
    pendingFocus.current = 'household-members-title';
    setAnnouncement(`Rimosso il componente ${index + 1}.`);
  }

  function discardDraft() {
    removeDraft(props.draftName);
    setValues(props.mode === 'edit' ? valuesFromDetail(props.household) : emptyHousehold());
    if (props.mode === 'edit') setVersion(props.household.version);
    setDirty(false);
    setRestored(false);
    setErrors({});
    setDuplicates({});
    setProblem(null);
  }

  function fail(next: { errors?: FieldErrors; duplicates?: FieldErrors; problem?: ApiError | null }) {
    setErrors(next.errors ?? {});
    setDuplicates(next.duplicates ?? {});
    setProblem(next.problem ?? null);
    setFailures((n) => n + 1);
  }

  async function save(versionToSend: number) {
    if (saving) return;
    const validation = validateHousehold(values, acknowledge);
    if (!validation.ok) {
      fail({ errors: validation.errors, duplicates });
      return;
    }
    setSaving(true);
    try {
      const saved =
        householdId === null
          ? await createHousehold(validation.input)
          : await updateHousehold(householdId, { ...validation.input, version: versionToSend });
      removeDraft(props.draftName);
      const state: HouseholdFlash = {
        flash: householdId === null ? `Nucleo ${saved.code} registrato.` : 'Modifiche salvate.',
      };
      void navigate(`/nuclei/${encodeURIComponent(saved.id)}`, { state });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'FISCAL_CODE_DUPLICATE') {
        setAcknowledge(false);
        fail({ duplicates: apiIssuesToFieldErrors(error.details), problem: error });
      } else {
        fail({ errors: apiIssuesToFieldErrors(error.details), problem: error });
      }
    } finally {
      setSaving(false);
    }
  }

  async function overwrite() {
    if (householdId === null) return;
    try {
      const latest = await getHousehold(householdId);
      setVersion(latest.version);
      await save(latest.version);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      fail({ problem: error });
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(version);
  }

  const hasDuplicates = Object.keys(duplicates).length > 0;
  const summaryItems: SummaryItem[] = [
    ...Object.entries(errors).map(([path, message]) => ({
      targetId: targetFor(path),
      text: withLabel(householdFieldLabel(path), message),
    })),
    ...Object.entries(duplicates).map(([path, message]) => ({
      targetId: targetFor(path),
      text: withLabel(householdFieldLabel(path), message),
    })),
  ];
  if (hasDuplicates) {
    summaryItems.push({
      targetId: fieldId(FORM, 'acknowledgeDuplicates'),
      text: 'Se la persona fa davvero parte anche di questo nucleo, conferma con la casella in fondo al modulo e salva di nuovo.',
    });
  }
  const showSummary = summaryItems.length > 0 || problem !== null;

  return (
    <div className="container-xxl my-4">
      <PageTitle title={title} />
      <p>
        I campi contrassegnati con <span aria-hidden="true">*</span>
        <span className="visually-hidden">asterisco</span> sono obbligatori.
      </p>
      {restored ? (
        <div
          className="alert alert-info d-flex flex-wrap align-items-center gap-3"
          role="status"
          data-testid="draft-restored"
        >
          <span>Sono stati ripristinati i dati inseriti in precedenza e non ancora salvati.</span>
          <button type="button" className="btn btn-outline-primary btn-xs" onClick={discardDraft}>
            {props.mode === 'edit' ? 'Scarta le modifiche non salvate' : 'Svuota il modulo'}
          </button>
        </div>
      ) : null}
      {showSummary ? (
        <ErrorSummary
          ref={summaryRef}
          id={`${FORM}-summary`}
          title={summaryTitle(problem, summaryItems.length)}
          items={summaryItems}
        >
          {problem?.code === 'STALE_VERSION' && householdId !== null ? (
            <StaleVersionHelp householdId={householdId} onOverwrite={() => void overwrite()} busy={saving} />
          ) : null}
        </ErrorSummary>
      ) : null}
      <div role="status" className="visually-hidden">
        {announcement}
      </div>

      <form onSubmit={onSubmit} noValidate data-testid="household-form" id={FORM}>
        <section aria-labelledby="household-address-title" className="form-section">
          <h2 id="household-address-title" className="h4">
            Residenza e recapiti
          </h2>
          <div className="row">
            <SelectField
              className="col-12 col-md-6"
              id={fieldId(FORM, 'comuneId')}
              label="Comune"
              required
              placeholder="Scegli il Comune"
              options={props.comuni.map((c) => ({ value: c.id, label: c.name }))}
              value={values.comuneId}
              onValueChange={setComune}
              error={errors.comuneId}
              data-testid="household-comune"
            />
            <div className="w-100" />
            <TextField
              className="col-12 col-md-8"
              id={fieldId(FORM, 'addressStreet')}
              label="Indirizzo"
              hint="Via o piazza"
              required
              autoComplete="off"
              value={values.addressStreet}
              onValueChange={setField('addressStreet')}
              error={errors.addressStreet}
            />
            <TextField
              className="col-12 col-md-4"
              id={fieldId(FORM, 'addressNumber')}
              label="Numero civico"
              autoComplete="off"
              value={values.addressNumber}
              onValueChange={setField('addressNumber')}
              error={errors.addressNumber}
            />
            <TextField
              className="col-12 col-md-4"
              id={fieldId(FORM, 'addressPostcode')}
              label="CAP"
              inputMode="numeric"
              maxLength={5}
              autoComplete="off"
              value={values.addressPostcode}
              onValueChange={setField('addressPostcode')}
              error={errors.addressPostcode}
            />
            <TextField
              className="col-12 col-md-8"
              id={fieldId(FORM, 'addressCity')}
              label="Città"
              required
              autoComplete="off"
              value={values.addressCity}
              onValueChange={setField('addressCity')}
              error={errors.addressCity}
            />
            <TextField
              className="col-12 col-md-4"
              id={fieldId(FORM, 'phone')}
              type="tel"
              label="Telefono"
              autoComplete="off"
              value={values.phone}
              onValueChange={setField('phone')}
              error={errors.phone}
            />
            <TextField
              className="col-12 col-md-4"
              id={fieldId(FORM, 'email')}
              type="email"
              label="E-mail"
              autoComplete="off"
              value={values.email}
              onValueChange={setField('email')}
              error={errors.email}
            />
            <TextField
              className="col-12 col-md-4"
              id={fieldId(FORM, 'pec')}
              type="email"
              label="PEC"
              autoComplete="off"
              value={values.pec}
              onValueChange={setField('pec')}
              error={errors.pec}
            />
          </div>
          <CheckboxField
            id={fieldId(FORM, 'loneParent')}
            label="Nucleo monoparentale"
            hint="Un solo genitore con figli a carico."
            checked={values.loneParent}
            onCheckedChange={(checked) => update((v) => ({ ...v, loneParent: checked }), 'loneParent')}
            error={errors.loneParent}
          />
        </section>

        <section aria-labelledby="household-members-title" className="form-section mt-5">
          <h2 id="household-members-title" className="h4" tabIndex={-1}>
            Componenti del nucleo
          </h2>
          <p className="small">
            Indica un solo richiedente; gli altri componenti con la loro relazione con il richiedente.
          </p>
          {errors.members ? (
            <div id={fieldId(FORM, 'members')} className="alert alert-danger py-2" tabIndex={-1}>
              {errors.members}
            </div>
          ) : null}
          {values.members.map((member, index) => (
            <MemberFieldset
              key={member.key}
              formId={FORM}
              index={index}
              member={member}
              errors={errors}
              duplicates={duplicates}
              canRemove={values.members.length > 1}
              onChange={(field, value) => setMember(index, field, value)}
              onRemove={() => removeMember(index)}
            />
          ))}
          {values.members.length < MAX_MEMBERS ? (
            <button
              type="button"
              className="btn btn-outline-primary btn-icon"
              onClick={addMember}
              data-testid="member-add"
            >
              <Icon icon="it-plus-circle" color="primary" size="sm" />
              <span>Aggiungi componente</span>
            </button>
          ) : (
            <p>Il nucleo ha già il numero massimo di {MAX_MEMBERS} componenti.</p>
          )}
        </section>

        {hasDuplicates || acknowledge ? (
          <div className="alert alert-warning mt-5" data-testid="duplicate-callout">
            <h2 className="h5">Codici fiscali già presenti in altri nuclei</h2>
            <p>
              Uno o più componenti risultano già in un altro nucleo. Se la persona fa parte anche di questo nucleo,
              conferma e salva di nuovo.
            </p>
            <CheckboxField
              id={fieldId(FORM, 'acknowledgeDuplicates')}
              label="Confermo: la persona fa parte anche di questo nucleo"
              checked={acknowledge}
              onCheckedChange={setAcknowledge}
              data-testid="acknowledge-duplicates"
            />
          </div>
        ) : null}

        <div className="d-flex flex-wrap gap-3 mt-5 form-actions">
          <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="household-save">
            {saving ? 'Salvataggio in corso…' : 'Salva'}
          </button>
          {householdId !== null ? (
            <Link
              to={`/nuclei/${encodeURIComponent(householdId)}`}
              className="btn btn-outline-secondary"
              onClick={() => removeDraft(props.draftName)}
            >
              Annulla
            </Link>
          ) : (
            <Link to="/nuclei" className="btn btn-outline-secondary">
              Torna all'elenco
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

function targetFor(path: string): string {
  if (path === 'members') return fieldId(FORM, 'members');
  if (/^members\.\d+$/.test(path)) return fieldId(FORM, path);
  if (path === '') return FORM;
  return fieldId(FORM, path);
}

function withLabel(label: string, message: string): string {
  // "Componente 2 – Nome" + "Nome: campo obbligatorio." → "Componente 2 – Nome: campo obbligatorio."
  const member = /^(Componente \d+) – (.+)$/.exec(label);
  if (member?.[1] && member[2]) {
    if (/^componente \d/i.test(message)) return message;
    return `${member[1]} – ${withFieldLabel(member[2], message)}`;
  }
  return withFieldLabel(label, message);
}

function summaryTitle(problem: ApiError | null, count: number): string {
  if (problem && problem.code !== 'VALIDATION_FAILED') return describeApiError(problem);
  if (count === 1) return 'C’è un dato da correggere';
  return `Ci sono ${count} dati da correggere`;
}

function StaleVersionHelp(props: {
  readonly householdId: string;
  readonly onOverwrite: () => void;
  readonly busy: boolean;
}) {
  return (
    <div className="mt-2" data-testid="stale-version">
      <p className="mb-2">
        I dati che hai inserito sono ancora nel modulo. Puoi confrontarli con la versione aggiornata oppure salvarli al
        suo posto.
      </p>
      <div className="d-flex flex-wrap gap-2">
        <a
          className="btn btn-outline-primary btn-xs"
          href={`/nuclei/${encodeURIComponent(props.householdId)}`}
          target="_blank"
          rel="noreferrer"
        >
          Apri la versione aggiornata in una nuova scheda
        </a>
        <button type="button" className="btn btn-danger btn-xs" aria-disabled={props.busy} onClick={props.onOverwrite}>
          Sovrascrivi con i miei dati
        </button>
      </div>
    </div>
  );
}
