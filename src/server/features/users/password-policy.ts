// The password policy of staff accounts: at least 12 characters with letters and digits (the
// shared passwordSchema, AgID "Linee guida sulla sicurezza" / OWASP ASVS 2.1), and never the
// username (or a variation that contains it).
import { passwordSchema } from '../../../shared/auth.js';

export type PasswordCheck = { ok: true } | { ok: false; code: 'PASSWORD_POLICY'; message: string };

export function checkPasswordPolicy(username: string, password: string): PasswordCheck {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) {
    return { ok: false, code: 'PASSWORD_POLICY', message: parsed.error.issues.map((i) => i.message).join(' ') };
  }
  const user = username.trim().toLowerCase();
  if (user.length > 0 && password.toLowerCase().includes(user)) {
    return { ok: false, code: 'PASSWORD_POLICY', message: 'La password non può contenere il nome utente.' };
  }
  return { ok: true };
}
