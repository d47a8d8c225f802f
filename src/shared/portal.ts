// The API contract of the citizen portal (/api/portal/*): a citizen's own households only.
import { z } from 'zod';
import { requirementCheckSchema } from './applications.js';
import { documentRequestSchema, messageSummarySchema } from './communications.js';
import { explanationSchema } from './rankings.js';

export const portalConfigSchema = z.object({
  enabled: z.boolean(),
  /** A local demonstration provider is in use (never in production): the portal says so. */
  demoProvider: z.boolean(),
});
export type PortalConfig = z.infer<typeof portalConfigSchema>;

export const portalSessionSchema = z.object({
  fiscalCode: z.string(),
  displayName: z.string(),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type PortalSession = z.infer<typeof portalSessionSchema>;

export const portalHouseholdBriefSchema = z.object({
  id: z.string(),
  code: z.string(),
  comuneName: z.string(),
  address: z.string(),
});
export const portalHouseholdListSchema = z.object({ items: z.array(portalHouseholdBriefSchema) });
export type PortalHouseholdBrief = z.infer<typeof portalHouseholdBriefSchema>;

export const portalApplicationSchema = z.object({
  id: z.string(),
  callName: z.string(),
  protocol: z.string(),
  submittedAt: z.string(),
  state: z.enum(['to_review', 'admitted', 'excluded']),
  reason: z.string().nullable(),
  checks: z.array(requirementCheckSchema),
});
export type PortalApplication = z.infer<typeof portalApplicationSchema>;

export const portalDeadlineSchema = z.object({
  on: z.string(),
  title: z.string(),
  detail: z.string(),
});
export type PortalDeadline = z.infer<typeof portalDeadlineSchema>;

export const portalHouseholdSchema = portalHouseholdBriefSchema.extend({
  members: z.array(z.object({ name: z.string(), relation: z.string() })),
  applications: z.array(portalApplicationSchema),
  deadlines: z.array(portalDeadlineSchema),
  messages: z.array(messageSummarySchema),
  documentRequests: z.array(documentRequestSchema),
  appointments: z.array(z.object({ id: z.string(), startsAt: z.string(), place: z.string(), purpose: z.string() })),
});
export type PortalHousehold = z.infer<typeof portalHouseholdSchema>;

export const portalExplanationSchema = explanationSchema;

export const portalUploadSchema = z.object({
  fileName: z.string().trim().min(1, 'Nome del file mancante.').max(200),
  /** The file's bytes, base64-encoded. */
  contentBase64: z.string().min(1, 'File vuoto.'),
});
export type PortalUpload = z.infer<typeof portalUploadSchema>;
export const portalUploadResultSchema = z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number().int() });

export const portalSlotListSchema = z.object({
  items: z.array(z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string() })),
});
export type PortalSlot = z.infer<typeof portalSlotListSchema>['items'][number];

export const portalBookingSchema = z.object({
  slotId: z.string().min(1).max(64),
  purpose: z.string().trim().min(3, 'Indicare il motivo dell’appuntamento.').max(200),
});
export type PortalBooking = z.infer<typeof portalBookingSchema>;
