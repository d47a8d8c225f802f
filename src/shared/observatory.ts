// The observatory's API contract and who may read it: aggregates only, never personal data.
import { z } from 'zod';
import type { Role } from './auth.js';
import { idSchema } from './common.js';

/** Observers see the observatory and nothing else; managers see it with everything else. */
export function roleReadsObservatory(role: Role): boolean {
  return role === 'observer' || role === 'manager';
}

export const DASHBOARD_GROUPS = ['demand', 'supply', 'emergency', 'measures'] as const;
export type DashboardGroup = (typeof DASHBOARD_GROUPS)[number];
export const DASHBOARD_LABELS: Record<DashboardGroup, string> = {
  demand: 'Domanda',
  supply: 'Offerta',
  emergency: 'Emergenza abitativa',
  measures: 'Misure e contributi',
};

/** A Comune's id in a filter: empty means every Comune; anything but an id is refused (400), never queried. */
export const comuneFilterSchema = z.preprocess((v) => (v === '' ? undefined : v), idSchema.optional());

export const observatoryFilterSchema = z.object({
  comuneId: comuneFilterSchema,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ObservatoryFilterInput = z.input<typeof observatoryFilterSchema>;

export const datasetColumnSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'number', 'euro']),
});
export type DatasetColumn = z.infer<typeof datasetColumnSchema>;

export const datasetSchema = z.object({
  id: z.string(),
  group: z.enum(DASHBOARD_GROUPS),
  title: z.string(),
  description: z.string(),
  columns: z.array(datasetColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  chart: z
    .object({
      type: z.enum(['bar', 'line']),
      category: z.string(),
      series: z.string().nullable(),
      value: z.string(),
    })
    .nullable(),
  /** The column counting households: open data suppresses its small cells. */
  householdsColumn: z.string().nullable(),
});
export type Dataset = z.infer<typeof datasetSchema>;

export const dashboardSchema = z.object({
  group: z.enum(DASHBOARD_GROUPS),
  datasets: z.array(datasetSchema),
  /** What the data of the areas not yet recorded cannot show. */
  notes: z.array(z.string()),
  comuni: z.array(z.object({ id: z.string(), name: z.string() })),
  /** When the pre-aggregated figures were last rebuilt from the events (null: never). */
  refreshedAt: z.string().nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const offerPlanQuerySchema = z.object({
  year: z.coerce.number().int().min(2018).max(2100),
  reservePercent: z.coerce.number().min(0).max(100).default(20),
  satPercent: z.coerce.number().min(0).max(100).default(0),
});
