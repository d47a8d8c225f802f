// The housing stock (patrimonio abitativo): units, their states and history, the CSV import report.
import { z } from 'zod';
import { idSchema, requiredText } from './common.js';

/** States of a unit (issue 3 item 1). The `state` column of a unit follows its append-only history. */
export const UNIT_STATES = ['available', 'works_needed', 'assigned', 'reserved_sat', 'not_assignable'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

export const UNIT_STATE_LABELS: Record<UnitState, string> = {
  available: 'Disponibile',
  works_needed: 'Necessita di lavori',
  assigned: 'Assegnato',
  reserved_sat: 'Riservato ai servizi transitori (SAT)',
  not_assignable: 'Non assegnabile',
};

/**
 * The states an officer may move a unit to, from each state. A unit needing works may get a new
 * estimate (works_needed → works_needed); any other change must change the state.
 */
export const UNIT_STATE_TRANSITIONS = {
  available: ['works_needed', 'assigned', 'reserved_sat', 'not_assignable'],
  works_needed: ['available', 'works_needed', 'assigned', 'reserved_sat', 'not_assignable'],
  assigned: ['available', 'works_needed', 'reserved_sat', 'not_assignable'],
  reserved_sat: ['available', 'works_needed', 'assigned', 'not_assignable'],
  not_assignable: ['available', 'works_needed', 'assigned', 'reserved_sat'],
} as const satisfies Record<UnitState, readonly UnitState[]>;

export function canMoveUnit(from: UnitState, to: UnitState): boolean {
  return (UNIT_STATE_TRANSITIONS[from] as readonly UnitState[]).includes(to);
}

/** Housing programmes a unit belongs to (domain README: SAP/ERP, POR, SAS, SAT, other). */
export const UNIT_PROGRAMMES = ['sap', 'por', 'sas', 'sat', 'other'] as const;
export type UnitProgramme = (typeof UNIT_PROGRAMMES)[number];

export const UNIT_PROGRAMME_LABELS: Record<UnitProgramme, string> = {
  sap: 'Servizi abitativi pubblici (SAP)',
  por: 'Alloggi POR',
  sas: 'Servizi abitativi sociali (SAS)',
  sat: 'Servizi abitativi transitori (SAT)',
  other: 'Altro',
};

export const UNIT_CHANGE_SOURCES = ['manual', 'import'] as const;
export const UNIT_CHANGE_SOURCE_LABELS: Record<string, string> = {
  manual: 'Operatore',
  import: 'Importazione da file',
};

/**
 * Art. 10 RR 4/2017: the assignee of a unit needing works may do small works, deducted from the
 * rent, up to 8,000 € (rules.md §2.2, [P]: the exact wording is still to be verified). Shown as a
 * warning, never enforced.
 */
export const WORKS_DEDUCTIBLE_LIMIT_CENTS = 8_000_00;

const optionalBoolean = z
  .enum(['true', 'false'], { error: 'Valore non valido: usare true o false.' })
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true'));

const areaFilter = (label: string) =>
  z.coerce
    .number({ error: `${label}: inserire un numero.` })
    .min(0, `${label}: non può essere negativa.`)
    .max(1000, `${label}: al massimo 1000 m².`)
    .optional();

export const unitListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  ownerId: idSchema.optional(),
  comuneId: idSchema.optional(),
  state: z.enum(UNIT_STATES, { error: 'Stato non valido.' }).optional(),
  programme: z.enum(UNIT_PROGRAMMES, { error: 'Programma non valido.' }).optional(),
  accessible: optionalBoolean,
  minAreaM2: areaFilter('Superficie minima'),
  maxAreaM2: areaFilter('Superficie massima'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type UnitListQuery = z.infer<typeof unitListQuerySchema>;

export const unitSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  comuneId: z.string(),
  comuneName: z.string(),
  programme: z.enum(UNIT_PROGRAMMES),
  address: z.string(),
  /** Usable floor area (superficie utile) in dm²: m² × 100, so that adequacy compares exactly. */
  floorAreaDm2: z.number(),
  rooms: z.number(),
  floor: z.number(),
  hasLift: z.boolean(),
  accessible: z.boolean(),
  state: z.enum(UNIT_STATES),
  worksCostCents: z.number().nullable(),
  reserveCategory: z.string().nullable(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;

export const unitListResultSchema = z.object({
  items: z.array(unitSummarySchema),
  total: z.number(),
});
export type UnitListResult = z.infer<typeof unitListResultSchema>;

export const unitStateChangeSchema = z.object({
  id: z.string(),
  state: z.enum(UNIT_STATES),
  worksCostCents: z.number().nullable(),
  reason: z.string(),
  source: z.string(),
  changedAt: z.string(),
  changedByName: z.string().nullable(),
});
export type UnitStateChange = z.infer<typeof unitStateChangeSchema>;

export const unitDetailSchema = unitSummarySchema.extend({
  addressStreet: z.string(),
  addressNumber: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
  /** Newest first. */
  history: z.array(unitStateChangeSchema),
  /** The calls (avvisi) that offer the unit. */
  calls: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const unitStateInputSchema = z
  .object({
    state: z.enum(UNIT_STATES, { error: 'Scegliere il nuovo stato.' }),
    worksCostCents: z
      .number({ error: 'Costo stimato dei lavori: inserire un importo.' })
      .int('Costo stimato dei lavori: importo in centesimi.')
      .min(1, 'Costo stimato dei lavori: deve essere maggiore di zero.')
      .max(10_000_000_00, 'Costo stimato dei lavori fuori scala.')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    reason: requiredText('Motivo', 1000),
    /** The state the officer saw: a change made meanwhile by someone else is refused, not overwritten. */
    fromState: z.enum(UNIT_STATES).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.state === 'works_needed' && input.worksCostCents === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['worksCostCents'],
        message: 'Per un alloggio che necessita di lavori indicare il costo stimato dei lavori.',
        params: { rule: 'works_cost_required' },
      });
    }
  })
  .transform((input) => ({
    ...input,
    worksCostCents: input.state === 'works_needed' ? input.worksCostCents : null,
  }));
export type UnitStateInput = z.infer<typeof unitStateInputSchema>;

export const UNIT_STATE_FIELD_LABELS: Record<string, string> = {
  state: 'Nuovo stato',
  worksCostCents: 'Costo stimato dei lavori',
  reason: 'Motivo',
  fromState: 'Stato attuale',
};

const flag = z
  .enum(['0', '1', 'true', 'false'], { error: 'Valore non valido: usare 1 o 0.' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const unitImportQuerySchema = z.object({
  dryRun: flag,
  /** Also offer every unit of the file in this call (its id or its code). */
  callId: z.string().trim().min(1).max(64).optional(),
  fileName: z.string().trim().max(200).optional(),
});

export const importProblemSchema = z.object({
  /** Line in the file; the header is line 1; 0 for a problem of the whole file (encoding, format). */
  line: z.number(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const unitImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** The same file (same SHA-256) was imported before: nothing was changed. */
  alreadyImported: z.boolean(),
  importId: z.string().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  stateChanges: z.number(),
  call: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  /** Units newly offered in the call by this import (the others were already there). */
  linkedToCall: z.number(),
  problems: z.array(importProblemSchema),
  message: z.string(),
});
export type UnitImportReport = z.infer<typeof unitImportReportSchema>;

/** Columns of the units file, in the documented order (docs/formats/units.md). */
export const UNIT_CSV_COLUMNS = [
  'id_alloggio',
  'ente_proprietario',
  'comune',
  'indirizzo',
  'superficie_mq',
  'vani',
  'piano',
  'ascensore',
  'accessibile',
  'stato',
  'riserva',
] as const;

/** The states a units file may give, and what they mean. */
export const UNIT_CSV_STATES = {
  disponibile: 'available',
  lavori: 'works_needed',
  non_assegnabile: 'not_assignable',
} as const satisfies Record<string, UnitState>;
