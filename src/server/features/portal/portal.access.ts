// The citizen portal's rules, pure: who the identity token says the citizen is, and what they may see.
import { validateFiscalCode } from '../../../core/kernel/fiscal-code.js';

/**
 * The fiscal code in the identity token's `fiscal_number` claim. SPID sends it as 'TINIT-' + code
 * (AgID, SPID technical rules, attribute fiscalNumber); CIE brokers may send it bare.
 */
export function fiscalCodeFromClaim(claim: unknown): string | null {
  if (typeof claim !== 'string') return null;
  const bare = claim
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '');
  const result = validateFiscalCode(bare);
  return result.ok ? result.code : null;
}

/** A citizen sees a household only if they are one of its members. */
export function citizenMayOpenHousehold(citizenFiscalCode: string, memberFiscalCodes: readonly string[]): boolean {
  return memberFiscalCodes.includes(citizenFiscalCode);
}
