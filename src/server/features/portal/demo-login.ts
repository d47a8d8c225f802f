// FOR DEMONSTRATION ONLY: `abitare serve` without an OpenID provider configured (and never in
// production) starts the local provider of dev-provider.ts and points the portal at it.
import type { AppConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { startDevOidcProvider, type DevProvider } from './dev-provider.js';
import { listPortalPersonas } from './portal.queries.js';

export async function startDemoLogin(
  config: AppConfig,
  db: Db,
): Promise<{ readonly config: AppConfig; readonly provider: DevProvider } | null> {
  if (!config.portal.devProvider || config.env === 'production') return null;
  const personas = await listPortalPersonas(db.kysely, 12);
  const provider = await startDevOidcProvider({
    redirectUris: [
      `http://localhost:${config.port}/api/portal/callback`,
      `http://127.0.0.1:${config.port}/api/portal/callback`,
    ],
    personas: personas.map((p) => ({ fiscalCode: p.fiscal_code, givenName: p.first_name, familyName: p.last_name })),
  });
  return {
    provider,
    config: {
      ...config,
      portal: {
        ...config.portal,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          redirectUri: undefined,
        },
      },
    },
  };
}
