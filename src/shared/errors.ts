import { z } from 'zod';

/** Stable error codes of the API: clients may rely on them; messages are for people. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'STALE_VERSION',
  'FISCAL_CODE_INVALID',
  'FISCAL_CODE_DUPLICATE',
  'ISEE_EXPIRED',
  'ISEE_INVALID_DATES',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL_ERROR',
  // Reliability and data protection (issue 7).
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'PASSWORD_POLICY',
  // Front desk, measures and funds (issue 4).
  'DOCUMENT_TYPE_NOT_ALLOWED',
  'DOCUMENT_TOO_LARGE',
  'DOCUMENT_MISSING',
  'IBAN_INVALID',
  'AMOUNT_OVER_CAP',
  'SEPARATION_OF_DUTIES',
  'BUDGET_EXCEEDED',
  // Citizen portal (issue 6).
  'PORTAL_LOGIN_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorIssueSchema = z.object({
  path: z.string().describe('Dotted path of the field at fault, e.g. "members.0.fiscalCode"'),
  code: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.array(errorIssueSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
