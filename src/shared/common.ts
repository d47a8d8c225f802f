import { z } from 'zod';
import { isPlainDate, type PlainDate } from '../core/kernel/plain-date.js';

// Default messages of zod in Italian, for the server's 400 details and the web forms alike.
z.config(z.locales.it());

export const plainDateSchema = z
  .string({ error: 'Data obbligatoria.' })
  .refine(isPlainDate, { message: 'Data non valida: usare il formato AAAA-MM-GG.' })
  .transform((v) => v as PlainDate);

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Identificativo non valido.');

export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `${label}: campo obbligatorio.` })
    .trim()
    .min(1, `${label}: campo obbligatorio.`)
    .max(max, `${label}: al massimo ${max} caratteri.`);
}

export function optionalText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, `${label}: al massimo ${max} caratteri.`)
    .optional()
    .nullable()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));
}

export const okSchema = z.object({ ok: z.literal(true) });
