// FOR DEMONSTRATION AND TESTS ONLY: a local OpenID Connect provider (oidc-provider) that plays the
// part of the SPID/CIE broker and issues the `fiscal_number` claim ('TINIT-' + fiscal code, as
// SPID does). It lets anyone log in as any fiscal code: it is never started in production
// (config.portal.devProvider is false there) and the portal shows a banner while it is in use.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateFiscalCode } from '../../../core/kernel/fiscal-code.js';

export interface DevPersona {
  readonly fiscalCode: string;
  readonly givenName: string;
  readonly familyName: string;
}

export interface DevProviderOptions {
  /** Port to listen on (0: any free port). */
  readonly port?: number;
  readonly host?: string;
  readonly redirectUris: readonly string[];
  /** Suggested on the login page (anyone else can type a fiscal code). */
  readonly personas?: readonly DevPersona[];
  readonly clientId?: string;
}

export interface DevProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function loginPage(uid: string, personas: readonly DevPersona[], error?: string): string {
  const options = personas
    .map(
      (p) =>
        `<li><button type="submit" name="fiscal_code" value="${escapeHtml(p.fiscalCode)}">${escapeHtml(
          `${p.givenName} ${p.familyName}`,
        )} (${escapeHtml(p.fiscalCode)})</button></li>`,
    )
    .join('');
  return `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Accesso di prova (SPID/CIE simulato)</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto;">
<main>
<h1>Accesso di prova – SPID/CIE simulato</h1>
<p><strong>Solo per dimostrazione:</strong> questo fornitore di identità locale accetta qualsiasi codice fiscale. Non è mai attivo in produzione.</p>
${error ? `<p role="alert" style="color:#a00">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="fiscal_code">Codice fiscale</label>
<input id="fiscal_code" name="fiscal_code" autocomplete="off" required style="text-transform: uppercase">
<button type="submit">Entra</button>
</form>
${personas.length > 0 ? `<h2>Cittadini dimostrativi</h2><form method="post" action="/interaction/${escapeHtml(uid)}/login"><ul>${options}</ul></form>` : ''}
</main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevOidcProvider(options: DevProviderOptions): Promise<DevProvider> {
  const personas = options.personas ?? [];
  const byCode = new Map(personas.map((p) => [p.fiscalCode, p]));
  const clientId = options.clientId ?? 'abitare-portale';
  const clientSecret = randomBytes(24).toString('base64url');
  // Loaded only when the demonstration provider starts: the package warns on Node 20 at import
  // time (it works, tests included), and production never needs it.
  const { default: Provider } = await import('oidc-provider');
  const server = http.createServer();
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

  // A fresh signing key at every start: the demonstration provider keeps nothing.
  const signingKey = {
    ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    use: 'sig',
    alg: 'RS256',
  };
  const provider = new Provider(issuer, {
    jwks: { keys: [signingKey as never] },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['fiscal_number', 'given_name', 'family_name'] },
    // SPID/CIE brokers put the attributes in the ID token; so does this provider.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => {
        const persona = byCode.get(sub);
        return {
          sub,
          fiscal_number: `TINIT-${sub}`,
          given_name: persona?.givenName ?? 'Cittadino',
          family_name: persona?.familyName ?? 'Di prova',
        };
      },
    }),
  });
  provider.on('server_error', () => undefined);
  const callback = provider.callback();

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(url.pathname);
    if (!match) {
      void callback(req, res);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (!match[2]) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.end(loginPage(details.uid, personas));
          return;
        }
        const form = await readForm(req);
        const fiscalCode = (form.get('fiscal_code') ?? '').trim().toUpperCase();
        if (!validateFiscalCode(fiscalCode).ok) {
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(loginPage(details.uid, personas, 'Codice fiscale non valido.'));
          return;
        }
        const grant = new provider.Grant({ accountId: fiscalCode, clientId });
        grant.addOIDCScope('openid profile');
        const grantId = await grant.save();
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: fiscalCode }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
      } catch (e) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`Accesso di prova non riuscito: ${e instanceof Error ? e.message : String(e)}`);
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
