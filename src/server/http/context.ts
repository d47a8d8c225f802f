import type { Role } from '../../shared/auth.js';

/** Who is acting: a logged-in staff member. */
export interface Actor {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly partnerId: string | null;
  /** Empty means every Comune of the Ambito. */
  readonly comuneIds: readonly string[];
}

/** What every use case receives about the request, for authorisation and the audit log. */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string;
  readonly ip: string;
  readonly method: string;
  readonly path: string;
  readonly now: Date;
}
