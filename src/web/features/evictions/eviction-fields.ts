// The procedure's own data as form fields and back: the same at registration and at a correction.
import {
  LANDLORD_KIND_LABELS,
  REPORTED_BY_LABELS,
  type EvictionDetail,
  type EvictionInputRaw,
} from '../../../shared/evictions.js';
import { optionsFrom } from '../../components/form-fields.js';
import { num, orNull, type FieldSpec, type FormValues } from '../worklist/simple-form.js';
import { EVICTION_MOTIVE_LABELS } from './labels.js';

/** The fields, filled with a recorded procedure's data when one is given. */
export function evictionDataFields(e?: EvictionDetail): FieldSpec[] {
  return [
    { name: 'address', label: 'Indirizzo dell’alloggio', required: true, initial: e?.address ?? '' },
    { name: 'court', label: 'Tribunale', required: true, initial: e?.court ?? 'Tribunale di Monza' },
    { name: 'caseNumber', label: 'Numero di ruolo (R.G.)', initial: e?.caseNumber ?? '' },
    { name: 'landlordName', label: 'Proprietario', required: true, initial: e?.landlordName ?? '' },
    {
      name: 'landlordKind',
      label: 'Tipo di proprietario',
      kind: 'select',
      options: optionsFrom(LANDLORD_KIND_LABELS),
      required: true,
      initial: e?.landlordKind ?? '',
    },
    {
      name: 'motive',
      label: 'Motivo (categorie del Ministero dell’Interno)',
      kind: 'select',
      options: optionsFrom(EVICTION_MOTIVE_LABELS),
      required: true,
      initial: e?.motive ?? '',
    },
    {
      name: 'arrearsEuros',
      label: 'Morosità (euro)',
      kind: 'number',
      initial: e?.arrearsCents === null || e?.arrearsCents === undefined ? '' : String(e.arrearsCents / 100),
    },
    {
      name: 'reportedBy',
      label: 'Segnalata da',
      kind: 'select',
      options: optionsFrom(REPORTED_BY_LABELS),
      required: true,
      initial: e?.reportedBy ?? '',
    },
    {
      name: 'reportedOn',
      label: 'Data della segnalazione',
      kind: 'date',
      required: true,
      initial: e?.reportedOn ?? '',
    },
    { name: 'notes', label: 'Note', kind: 'textarea', initial: e?.notes ?? '' },
  ];
}

/** The typed values as the API's fields (the server checks them and answers at the field). */
export function evictionDataFromValues(v: FormValues): Omit<EvictionInputRaw, 'householdId'> {
  return {
    address: v.address ?? '',
    court: v.court ?? '',
    caseNumber: orNull(v.caseNumber),
    landlordName: v.landlordName ?? '',
    landlordKind: (v.landlordKind ?? '') as 'private',
    motive: (v.motive ?? '') as 'arrears',
    arrearsEuros: num(v.arrearsEuros),
    reportedBy: (v.reportedBy ?? '') as 'court',
    reportedOn: v.reportedOn ?? '',
    notes: orNull(v.notes),
  };
}
