// Delivery channels behind one interface: e-mail over SMTP (nodemailer) and App IO (the shape of
// the IO services API: POST /profiles, POST /messages with subject and markdown to a fiscal code).
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  readonly recipient: string;
  readonly subject: string;
  readonly text: string;
  readonly markdown: string;
  /** The same at every attempt of the same message and channel. */
  readonly idempotencyKey: string;
}

export interface ChannelAdapter {
  readonly channel: 'email' | 'io';
  /**
   * True when the provider recognises a repeated idempotency key and does not deliver twice: only
   * then may the outbox send again a message whose outcome it did not record.
   */
  readonly dedupesByKey: boolean;
  send(message: OutgoingMessage): Promise<{ readonly providerId: string }>;
  close?(): Promise<void>;
}

/** A refusal that no retry will change (no such recipient, citizen not on App IO). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string | undefined;
  readonly password?: string | undefined;
  readonly from: string;
  /** Accept self-signed certificates (test servers only). */
  readonly allowInsecureTls?: boolean;
}

export function createEmailChannel(settings: SmtpSettings): ChannelAdapter {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    ...(settings.allowInsecureTls ? { tls: { rejectUnauthorized: false } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  const domain = settings.from.split('@')[1]?.replace(/>$/, '') ?? 'abitare.local';
  return {
    channel: 'email',
    dedupesByKey: false,
    async send(m) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: m.recipient,
          subject: m.subject,
          text: m.text,
          // The key travels as the Message-ID, so a provider or a mailbox can tell a repeat.
          messageId: `<${m.idempotencyKey}@${domain}>`,
          headers: { 'X-Abitare-Idempotency-Key': m.idempotencyKey },
        });
        return { providerId: String(info.messageId) };
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        // 5xx replies to RCPT/DATA are final (RFC 5321 §4.2.1).
        if (code !== undefined && code >= 500 && code < 600) {
          throw new PermanentDeliveryError(`Il server di posta ha rifiutato il messaggio (${code}).`);
        }
        throw e;
      }
    },
    close: () => Promise.resolve(transport.close()),
  };
}

export interface IoSettings {
  /** e.g. https://api.io.pagopa.it/api/v1 */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** Set only for a gateway known to ignore a repeated Idempotency-Key (see ChannelAdapter). */
  readonly dedupesByKey?: boolean;
  readonly fetch?: typeof fetch;
}

export function createIoChannel(settings: IoSettings): ChannelAdapter {
  const doFetch = settings.fetch ?? fetch;
  const base = settings.baseUrl.replace(/\/$/, '');
  const post = (path: string, body: unknown, extra: Record<string, string> = {}) =>
    doFetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'Ocp-Apim-Subscription-Key': settings.apiKey,
        ...extra,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  return {
    channel: 'io',
    dedupesByKey: settings.dedupesByKey ?? false,
    async send(m) {
      const profile = await post('/profiles', { fiscal_code: m.recipient });
      if (profile.status === 404) throw new PermanentDeliveryError('Il cittadino non usa l’app IO.');
      if (!profile.ok) throw new Error(`App IO: profilo non verificabile (HTTP ${profile.status}).`);
      const p = (await profile.json()) as { sender_allowed?: boolean };
      if (p.sender_allowed !== true) {
        throw new PermanentDeliveryError('Il cittadino ha disattivato i messaggi di questo servizio in app IO.');
      }
      const res = await post(
        '/messages',
        { fiscal_code: m.recipient, content: { subject: m.subject, markdown: m.markdown } },
        { 'Idempotency-Key': m.idempotencyKey },
      );
      if (res.status === 400 || res.status === 403) {
        throw new PermanentDeliveryError(`App IO ha rifiutato il messaggio (HTTP ${res.status}).`);
      }
      if (res.status !== 201) throw new Error(`App IO non disponibile (HTTP ${res.status}).`);
      const body = (await res.json()) as { id?: string };
      if (!body.id) throw new Error('App IO: risposta senza id del messaggio.');
      return { providerId: body.id };
    },
  };
}
