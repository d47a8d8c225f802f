// The API contract of communications: messages to households, letters, document requests, outbox.
import { z } from 'zod';
import { plainDateSchema, requiredText } from './common.js';

export const deliverySchema = z.object({
  channel: z.enum(['email', 'io']),
  state: z.enum(['pending', 'sending', 'sent', 'failed', 'uncertain']),
  attempts: z.number().int(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const messageSummarySchema = z.object({
  id: z.string(),
  template: z.string(),
  subject: z.string(),
  body: z.string(),
  createdAt: z.string(),
  protocol: z.string().nullable().describe('Protocol number of the letter, null for a notice'),
  deliveries: z.array(deliverySchema),
});
export type MessageSummary = z.infer<typeof messageSummarySchema>;

export const messageListSchema = z.object({ items: z.array(messageSummarySchema) });

const text = (label: string) => requiredText(label, 500);

/** Templates staff write by hand (the others are written by the scheduled reminders). */
export const newMessageSchema = z.object({
  letter: z.boolean().default(true),
  params: z.discriminatedUnion('template', [
    z.object({
      template: z.literal('application_admitted'),
      callName: text('Avviso'),
      applicationProtocol: text('Protocollo della domanda'),
      decidedOn: plainDateSchema,
      reason: text('Motivazione'),
    }),
    z.object({
      template: z.literal('application_excluded'),
      callName: text('Avviso'),
      applicationProtocol: text('Protocollo della domanda'),
      decidedOn: plainDateSchema,
      reasons: z.array(text('Motivo')).min(1, 'Indicare almeno un motivo di esclusione.').max(20),
    }),
    z.object({
      template: z.literal('unit_offered'),
      unitCode: text('Alloggio'),
      address: text('Indirizzo'),
      comuneName: text('Comune'),
      rooms: z.number().int().min(1).max(20),
      floorAreaM2: z.number().int().min(10).max(1000),
      monthlyRentCents: z.number().int().min(0).nullable(),
      answerBy: plainDateSchema,
    }),
    z.object({
      template: z.literal('grant_decision'),
      measureName: text('Misura'),
      granted: z.boolean(),
      amountCents: z.number().int().min(0),
      reason: text('Motivazione'),
      decidedOn: plainDateSchema,
    }),
    z.object({
      template: z.literal('stay_ending'),
      accommodation: text('Alloggio temporaneo'),
      endsOn: plainDateSchema,
      contact: text('Referente'),
    }),
    z.object({
      template: z.literal('appointment_reminder'),
      on: plainDateSchema,
      time: z.string().regex(/^\d\d:\d\d$/, 'Ora non valida: usare HH:MM.'),
      place: text('Luogo'),
      purpose: text('Motivo'),
    }),
  ]),
});
export type NewMessage = z.input<typeof newMessageSchema>;
export type NewMessageParsed = z.output<typeof newMessageSchema>;

export const newDocumentRequestSchema = z.object({
  documents: z.array(requiredText('Documento', 200)).min(1, 'Indicare almeno un documento.').max(20),
  purpose: requiredText('Pratica', 200),
  dueOn: plainDateSchema,
});
export type NewDocumentRequest = z.input<typeof newDocumentRequestSchema>;
export type NewDocumentRequestParsed = z.output<typeof newDocumentRequestSchema>;

export const documentUploadSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
});
export const documentRequestSchema = z.object({
  id: z.string(),
  description: z.string(),
  dueOn: z.string(),
  createdAt: z.string(),
  uploads: z.array(documentUploadSchema),
});
export type DocumentRequest = z.infer<typeof documentRequestSchema>;
export const documentRequestListSchema = z.object({ items: z.array(documentRequestSchema) });

export const outboxViewSchema = z.object({
  summary: z.array(z.object({ channel: z.string(), state: z.string(), count: z.number().int() })),
  problems: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      state: z.string(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      updatedAt: z.string(),
      subject: z.string(),
      householdId: z.string(),
      householdCode: z.string(),
    }),
  ),
});
export type OutboxView = z.infer<typeof outboxViewSchema>;

/**
 * An operator's decision on a delivery that failed for good or whose outcome is unknown:
 * `delivered` (checked with the recipient: it arrived; only for an uncertain one), `resend` (it did
 * not arrive: the outbox sends it again), `abandoned` (not to be sent: the letter stays on file).
 */
export const OUTBOX_RESOLUTIONS = ['delivered', 'resend', 'abandoned'] as const;
export const OUTBOX_RESOLUTION_LABELS: Record<(typeof OUTBOX_RESOLUTIONS)[number], string> = {
  delivered: 'Consegnato (verificato con il destinatario)',
  resend: 'Da inviare di nuovo',
  abandoned: 'Non inviare più',
};
export const outboxResolutionSchema = z.object({
  outcome: z.enum(OUTBOX_RESOLUTIONS),
  note: z
    .string()
    .trim()
    .min(3, 'Scrivere come è stato verificato o perché si decide così.')
    .max(500, 'Al massimo 500 caratteri.'),
});
export type OutboxResolutionInput = z.infer<typeof outboxResolutionSchema>;
export const outboxResolutionResultSchema = z.object({
  id: z.string(),
  state: z.string(),
  resolution: z.enum(OUTBOX_RESOLUTIONS),
});

export const TEMPLATE_LABELS: Record<string, string> = {
  ranking_provisional_published: 'Graduatoria provvisoria pubblicata',
  application_admitted: 'Domanda ammessa',
  application_excluded: 'Domanda esclusa',
  documents_requested: 'Richiesta di documenti',
  unit_offered: 'Proposta di alloggio',
  grant_decision: 'Esito contributo',
  stay_ending: 'Fine permanenza',
  appointment_reminder: 'Promemoria appuntamento',
  correction_window_closing: 'Scadenza rettifica punteggio',
  isee_expiring: 'Scadenza ISEE',
};

export const DELIVERY_STATE_LABELS: Record<string, string> = {
  pending: 'in attesa',
  sending: 'in invio',
  sent: 'inviato',
  failed: 'non riuscito',
  uncertain: 'da verificare',
};
