import { z } from 'zod';

export const ROLES = [
  'admin',
  'manager',
  'front_desk',
  'social_worker',
  'housing_officer',
  'partner',
  'observer',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Amministratore',
  manager: 'Dirigente',
  front_desk: 'Operatore di sportello',
  social_worker: 'Assistente sociale',
  housing_officer: 'Istruttore ERP',
  partner: 'Ente partner',
  observer: 'Osservatorio',
};

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'Inserire il nome utente.').max(100),
  password: z.string().min(1, 'Inserire la password.').max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  partnerId: z.string().nullable(),
  comuneIds: z.array(z.string()).describe('Comuni the user is limited to; empty means every Comune'),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const PASSWORD_MIN_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `La password deve avere almeno ${PASSWORD_MIN_LENGTH} caratteri.`)
  .max(200)
  .refine((p) => /[A-Za-z]/.test(p) && /[0-9]/.test(p), 'La password deve contenere lettere e numeri.');
