import { z } from 'zod';
import { householdInputSchema, type HouseholdDetail, type HouseholdInput } from '../../../shared/households.js';
import { zodIssuesToFieldErrors, type FieldErrors } from '../../lib/form-errors.js';
import { HOUSEHOLD_FIELD_LABELS, MEMBER_FIELD_LABELS } from './labels.js';

// What the form holds: the text of every control, exactly as typed, so nothing is lost on an error.

const memberValuesSchema = z.object({
  key: z.string(),
  id: z.string().optional(),
  fiscalCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string(),
  sex: z.string(),
  relation: z.string(),
  citizenship: z.string(),
  permitKind: z.string(),
  permitExpiresOn: z.string(),
  disabilityPercent: z.string(),
  disabilityKind: z.string(),
});
export type MemberValues = z.infer<typeof memberValuesSchema>;

export const householdValuesSchema = z.object({
  comuneId: z.string(),
  addressStreet: z.string(),
  addressNumber: z.string(),
  addressPostcode: z.string(),
  addressCity: z.string(),
  phone: z.string(),
  email: z.string(),
  pec: z.string(),
  loneParent: z.boolean(),
  members: z.array(memberValuesSchema),
});
export type HouseholdValues = z.infer<typeof householdValuesSchema>;

let keyCounter = 0;
/** A key for React lists; members from the server also get one, so new and old are handled alike. */
export function newMemberKey(): string {
  keyCounter += 1;
  return `m-${Date.now().toString(36)}-${keyCounter}`;
}

export function emptyMember(relation = ''): MemberValues {
  return {
    key: newMemberKey(),
    fiscalCode: '',
    firstName: '',
    lastName: '',
    birthDate: '',
    sex: '',
    relation,
    citizenship: '',
    permitKind: '',
    permitExpiresOn: '',
    disabilityPercent: '',
    disabilityKind: '',
  };
}

export function emptyHousehold(comuneId = '', city = ''): HouseholdValues {
  return {
    comuneId,
    addressStreet: '',
    addressNumber: '',
    addressPostcode: '',
    addressCity: city,
    phone: '',
    email: '',
    pec: '',
    loneParent: false,
    members: [emptyMember('applicant')],
  };
}

export function valuesFromDetail(h: HouseholdDetail): HouseholdValues {
  return {
    comuneId: h.comuneId,
    addressStreet: h.addressStreet,
    addressNumber: h.addressNumber ?? '',
    addressPostcode: h.addressPostcode ?? '',
    addressCity: h.addressCity,
    phone: h.phone ?? '',
    email: h.email ?? '',
    pec: h.pec ?? '',
    loneParent: h.loneParent,
    members: h.members.map((m) => ({
      key: newMemberKey(),
      id: m.id,
      fiscalCode: m.fiscalCode,
      firstName: m.firstName,
      lastName: m.lastName,
      birthDate: m.birthDate,
      sex: m.sex,
      relation: m.relation,
      citizenship: m.citizenship ?? '',
      permitKind: m.permitKind ?? '',
      permitExpiresOn: m.permitExpiresOn ?? '',
      disabilityPercent: m.disabilityPercent === null ? '' : String(m.disabilityPercent),
      disabilityKind: m.disabilityKind ?? '',
    })),
  };
}

/** "" → null; "45" → 45; anything else → NaN, which the schema reports as "inserire un numero". */
function percent(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

const emptyToUndefined = (v: string) => (v === '' ? undefined : v);

/** The form's text turned into the API input, before validation. */
export function rawInput(values: HouseholdValues, acknowledgeDuplicates: boolean): Record<string, unknown> {
  return {
    comuneId: values.comuneId,
    addressStreet: values.addressStreet,
    addressNumber: values.addressNumber,
    addressPostcode: values.addressPostcode,
    addressCity: values.addressCity,
    phone: values.phone,
    email: values.email.trim(),
    pec: values.pec.trim(),
    loneParent: values.loneParent,
    acknowledgeDuplicates,
    members: values.members.map((m) => {
      const extraEu = m.citizenship === 'non_eu';
      return {
        ...(m.id ? { id: m.id } : {}),
        fiscalCode: m.fiscalCode,
        firstName: m.firstName,
        lastName: m.lastName,
        // Missing values go as undefined so the schema answers with its "campo obbligatorio" messages.
        birthDate: emptyToUndefined(m.birthDate),
        sex: emptyToUndefined(m.sex),
        relation: emptyToUndefined(m.relation),
        citizenship: emptyToUndefined(m.citizenship),
        permitKind: extraEu && m.permitKind ? m.permitKind : null,
        permitExpiresOn: extraEu && m.permitExpiresOn ? m.permitExpiresOn : null,
        disabilityPercent: percent(m.disabilityPercent),
        disabilityKind: m.disabilityKind,
      };
    }),
  };
}

export type Validation =
  { readonly ok: true; readonly input: HouseholdInput } | { readonly ok: false; readonly errors: FieldErrors };

export function validateHousehold(values: HouseholdValues, acknowledgeDuplicates: boolean): Validation {
  const parsed = householdInputSchema.safeParse(rawInput(values, acknowledgeDuplicates));
  const errors: Record<string, string> = parsed.success ? {} : { ...zodIssuesToFieldErrors(parsed.error.issues) };
  // The shared id schema has no message meant for people: say what to do instead.
  if (values.comuneId === '') errors.comuneId = 'Scegliere il Comune di residenza del nucleo.';
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, input: parsed.data };
  return { ok: false, errors };
}

/** "members.1.birthDate" → "Componente 2 – Data di nascita". */
export function householdFieldLabel(path: string): string {
  const m = /^members\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `Componente ${Number(m[1]) + 1} – ${MEMBER_FIELD_LABELS[m[2] ?? ''] ?? m[2]}`;
  const member = /^members\.(\d+)$/.exec(path);
  if (member) return `Componente ${Number(member[1]) + 1}`;
  return HOUSEHOLD_FIELD_LABELS[path] ?? '';
}
