// The portal as an OpenID Connect relying party (the protocol of SPID and CIE): authorization code
// flow with PKCE, state and nonce; the fiscal code comes from the identity token.
import * as client from 'openid-client';
import { fiscalCodeFromClaim } from './portal.access.js';

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface AuthorizationStart {
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface CitizenIdentity {
  readonly fiscalCode: string;
  readonly displayName: string;
}

export interface RelyingParty {
  start(redirectUri: string): Promise<AuthorizationStart>;
  finish(
    currentUrl: URL,
    checks: { state: string; nonce: string; codeVerifier: string },
  ): Promise<CitizenIdentity | { error: string }>;
}

export function createRelyingParty(settings: OidcSettings): RelyingParty {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted only for a provider on this machine (the demonstration one, tests).
        execute: /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(settings.issuer)
          ? [client.allowInsecureRequests]
          : [],
      })
      .catch((e: unknown) => {
        discovered = null;
        throw e;
      });
    return discovered;
  };
  return {
    async start(redirectUri) {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, nonce, codeVerifier };
    },
    async finish(currentUrl, checks) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      const fiscalCode = fiscalCodeFromClaim(claims?.fiscal_number);
      if (!fiscalCode) return { error: 'Il fornitore di identità non ha indicato un codice fiscale valido.' };
      const given = typeof claims?.given_name === 'string' ? claims.given_name : '';
      const family = typeof claims?.family_name === 'string' ? claims.family_name : '';
      return { fiscalCode, displayName: `${given} ${family}`.trim() || fiscalCode };
    },
  };
}
