import { CITIZENSHIP_LABELS, PERMIT_LABELS, RELATION_LABELS } from '../../../shared/households.js';
import { SelectField, TextField, optionsFrom } from '../../components/form-fields.js';
import { fieldId, type FieldErrors } from '../../lib/form-errors.js';
import type { MemberValues } from './household-form-model.js';
import { SEX_LABELS } from './labels.js';

interface Props {
  readonly formId: string;
  readonly index: number;
  readonly member: MemberValues;
  readonly errors: FieldErrors;
  /** Fiscal codes already in another household (409 FISCAL_CODE_DUPLICATE), by path. */
  readonly duplicates: FieldErrors;
  readonly canRemove: boolean;
  readonly onChange: (field: keyof MemberValues, value: string) => void;
  readonly onRemove: () => void;
}

const RELATION_OPTIONS = optionsFrom(RELATION_LABELS);
const CITIZENSHIP_OPTIONS = optionsFrom(CITIZENSHIP_LABELS);
const PERMIT_OPTIONS = optionsFrom(PERMIT_LABELS);
const SEX_OPTIONS = optionsFrom(SEX_LABELS);

export function memberLegend(index: number, member: MemberValues): string {
  const name = `${member.firstName} ${member.lastName}`.trim();
  return name ? `Componente ${index + 1}: ${name}` : `Componente ${index + 1}`;
}

export function MemberFieldset({ formId, index, member, errors, duplicates, canRemove, onChange, onRemove }: Props) {
  const path = (field: string) => `members.${index}.${field}`;
  const id = (field: string) => fieldId(formId, path(field));
  const error = (field: string) => errors[path(field)];
  const legendId = fieldId(formId, `members.${index}`);
  const field = (name: keyof MemberValues) => ({
    id: id(name),
    name: path(name),
    value: String(member[name] ?? ''),
    onValueChange: (v: string) => onChange(name, v),
    error: error(name),
  });
  const extraEu = member.citizenship === 'non_eu';

  return (
    <div role="group" className="member-fieldset" aria-labelledby={legendId} data-testid="member-fieldset">
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-4">
        <h3 id={legendId} tabIndex={-1} className="h5 mb-0">
          {memberLegend(index, member)}
        </h3>
        {canRemove ? (
          <button
            type="button"
            className="btn btn-outline-danger btn-xs"
            onClick={onRemove}
            data-testid="member-remove"
          >
            Rimuovi<span className="visually-hidden"> {memberLegend(index, member).toLowerCase()}</span>
          </button>
        ) : null}
      </div>
      <div className="row">
        <TextField
          {...field('fiscalCode')}
          className="col-12 col-md-4"
          label="Codice fiscale"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={20}
          error={error('fiscalCode') ?? duplicates[path('fiscalCode')]}
          data-testid="member-fiscal-code"
        />
        <TextField {...field('firstName')} className="col-12 col-md-4" label="Nome" required autoComplete="off" />
        <TextField {...field('lastName')} className="col-12 col-md-4" label="Cognome" required autoComplete="off" />
        <TextField
          {...field('birthDate')}
          className="col-12 col-md-6 col-lg-3"
          type="date"
          label="Data di nascita"
          required
        />
        <SelectField
          {...field('sex')}
          className="col-12 col-md-6 col-lg-3"
          label="Sesso"
          required
          placeholder="Scegli"
          options={SEX_OPTIONS}
        />
        <SelectField
          {...field('relation')}
          className="col-12 col-md-6 col-lg-3"
          label="Relazione con il richiedente"
          required
          placeholder="Scegli"
          options={RELATION_OPTIONS}
        />
        <SelectField
          {...field('citizenship')}
          className="col-12 col-md-6 col-lg-3"
          label="Cittadinanza"
          required
          placeholder="Scegli"
          options={CITIZENSHIP_OPTIONS}
        />
        {extraEu ? (
          <>
            <SelectField
              {...field('permitKind')}
              className="col-12 col-md-8"
              label="Titolo di soggiorno"
              required
              placeholder="Scegli il titolo"
              options={PERMIT_OPTIONS}
            />
            <TextField
              {...field('permitExpiresOn')}
              className="col-12 col-md-4"
              type="date"
              label="Scadenza del titolo"
              hint="Non richiesta per il permesso UE di lungo periodo."
            />
          </>
        ) : null}
        <TextField
          {...field('disabilityPercent')}
          className="col-12 col-md-4"
          label="Invalidità (%)"
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          hint="Da 0 a 100; vuoto se non c'è invalidità."
        />
        <TextField
          {...field('disabilityKind')}
          className="col-12 col-md-8"
          label="Tipo di disabilità"
          autoComplete="off"
          maxLength={200}
        />
      </div>
    </div>
  );
}
