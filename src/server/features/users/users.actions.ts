import type { Role } from '../../../shared/auth.js';
import type { DbExecutor } from '../../db/client.js';
import { newId } from '../../ids.js';
import { hashPassword } from '../auth/passwords.js';
import { checkPasswordPolicy } from './password-policy.js';

export async function createUser(
  db: DbExecutor,
  input: {
    readonly username: string;
    readonly role: Role;
    readonly displayName: string;
    readonly password: string;
    readonly partnerId?: string | null;
    readonly comuneIds?: readonly string[];
    readonly now: Date;
  },
): Promise<{ ok: true; id: string } | { ok: false; message: string; code?: 'PASSWORD_POLICY' }> {
  const policy = checkPasswordPolicy(input.username, input.password);
  if (!policy.ok) return policy;
  const existing = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (existing) return { ok: false, message: `L'utente ${input.username} esiste già.` };
  if (input.role === 'partner' && !input.partnerId) {
    return { ok: false, message: 'Un utente partner deve appartenere a un ente partner.' };
  }
  const id = newId();
  const at = input.now.toISOString();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        email: null,
        password_hash: passwordHash,
        role: input.role,
        partner_id: input.partnerId ?? null,
        active: 1,
        created_at: at,
        password_changed_at: at,
      })
      .execute();
    if (input.comuneIds && input.comuneIds.length > 0) {
      await trx
        .insertInto('user_comuni')
        .values(input.comuneIds.map((c) => ({ user_id: id, comune_id: c })))
        .execute();
    }
  });
  return { ok: true, id };
}
