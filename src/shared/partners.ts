// The partner network: organisations, their services, contacts, locations and agreements (convenzioni).
import { z } from 'zod';
import type { Role } from './auth.js';
import { idSchema, optionalText, plainDateSchema, requiredText } from './common.js';

export const PARTNER_KINDS = ['third_sector', 'aler', 'union', 'court', 'public_body', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  third_sector: 'Ente del terzo settore',
  aler: 'ALER',
  union: 'Sindacato (inquilini)',
  court: 'Tribunale / ufficio giudiziario',
  public_body: 'Altro ente pubblico',
  other: 'Altro',
};
export function partnerKindLabel(kind: string): string {
  return (PARTNER_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

const STAFF: ReadonlySet<Role> = new Set(['manager', 'front_desk', 'social_worker', 'housing_officer']);
const MANAGERS: ReadonlySet<Role> = new Set(['manager', 'social_worker']);
/** Agency staff read the whole network; a partner user reads only its own organisation. */
export const roleReadsPartnerNetwork = (role: Role) => STAFF.has(role);
export const roleManagesPartners = (role: Role) => MANAGERS.has(role);

export const partnerInputSchema = z.object({
  name: requiredText('Denominazione', 200),
  kind: z.enum(PARTNER_KINDS, { error: 'Tipo di ente non valido.' }),
  fiscalCode: optionalText('Codice fiscale / P. IVA', 16),
  email: z
    .email('Indirizzo e-mail non valido.')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: optionalText('Telefono', 40),
  services: z.array(requiredText('Servizio', 200)).max(50).default([]),
  notes: optionalText('Note', 4000),
});
export type PartnerInput = z.infer<typeof partnerInputSchema>;
export type PartnerInputRaw = z.input<typeof partnerInputSchema>;

export const contactInputSchema = z.object({
  name: requiredText('Nome del referente', 200),
  roleLabel: optionalText('Ruolo', 200),
  email: z
    .email('Indirizzo e-mail non valido.')
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  phone: optionalText('Telefono', 40),
});
export const locationInputSchema = z.object({
  label: requiredText('Nome della sede', 200),
  address: requiredText('Indirizzo', 300),
  comuneId: idSchema
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});

export const agreementInputSchema = z.object({
  subject: requiredText('Oggetto della convenzione', 500),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  places: z
    .number({ error: 'Posti: inserire un numero.' })
    .int('Posti: numero intero.')
    .min(0, 'Posti: non negativo.')
    .max(10_000),
  costPerPlaceMonthEuros: z
    .number({ error: 'Costo per posto e mese: inserire un importo.' })
    .min(0, 'Costo per posto e mese: non negativo.')
    .max(100_000, 'Costo per posto e mese: importo non plausibile.')
    .transform((v) => Math.round(v * 100)),
  notes: optionalText('Note', 4000),
});
export type AgreementInput = z.infer<typeof agreementInputSchema>;
export type AgreementInputRaw = z.input<typeof agreementInputSchema>;

export const agreementSchema = z.object({
  id: z.string(),
  partnerId: z.string(),
  subject: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  places: z.number(),
  costPerPlaceMonthCents: z.number(),
  /** Places × cost × months of the agreement: its full value. */
  totalCostCents: z.number(),
  inForce: z.boolean(),
  notes: z.string().nullable(),
});

export const partnerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  services: z.array(z.string()),
  agreementsInForce: z.number(),
  temporaryUnits: z.number(),
});
export const partnerListSchema = z.object({ items: z.array(partnerSummarySchema) });

export const partnerDetailSchema = partnerSummarySchema.extend({
  fiscalCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      roleLabel: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
  locations: z.array(
    z.object({ id: z.string(), label: z.string(), address: z.string(), comuneId: z.string().nullable() }),
  ),
  agreements: z.array(agreementSchema),
  units: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      address: z.string(),
      capacityPlaces: z.number(),
      targetGroup: z.string(),
    }),
  ),
});
export type PartnerDetail = z.infer<typeof partnerDetailSchema>;
