// The messages the agency sends to households, in plain Italian. Pure: the same parameters always
// give the same text; a letter, an e-mail and an App IO message are all made from one rendering.
import type { PlainDate } from '../kernel/plain-date.js';
import { formatDateLong, formatDateWithWeekday, formatEuroLetter } from './format.js';

export const TEMPLATE_CODES = [
  'ranking_provisional_published',
  'application_admitted',
  'application_excluded',
  'documents_requested',
  'unit_offered',
  'grant_decision',
  'stay_ending',
  'appointment_reminder',
  'correction_window_closing',
  'isee_expiring',
] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

export type TemplateParams =
  | {
      readonly template: 'ranking_provisional_published';
      readonly callName: string;
      readonly applicationProtocol: string;
      readonly publishedOn: PlainDate;
      readonly correctionUntil: PlainDate;
      /** Positions in the rankings per owner and Comune (RR 4/2017 art. 12 c.1). */
      readonly positions: readonly { readonly ranking: string; readonly position: number; readonly total: number }[];
    }
  | {
      readonly template: 'application_admitted';
      readonly callName: string;
      readonly applicationProtocol: string;
      readonly decidedOn: PlainDate;
      readonly reason: string;
    }
  | {
      readonly template: 'application_excluded';
      readonly callName: string;
      readonly applicationProtocol: string;
      readonly decidedOn: PlainDate;
      readonly reasons: readonly string[];
    }
  | {
      readonly template: 'documents_requested';
      readonly documents: readonly string[];
      readonly purpose: string;
      readonly dueOn: PlainDate;
    }
  | {
      readonly template: 'unit_offered';
      readonly unitCode: string;
      readonly address: string;
      readonly comuneName: string;
      readonly rooms: number;
      readonly floorAreaM2: number;
      readonly monthlyRentCents: number | null;
      readonly answerBy: PlainDate;
    }
  | {
      readonly template: 'grant_decision';
      readonly measureName: string;
      readonly granted: boolean;
      readonly amountCents: number;
      readonly reason: string;
      readonly decidedOn: PlainDate;
    }
  | {
      readonly template: 'stay_ending';
      readonly accommodation: string;
      readonly endsOn: PlainDate;
      readonly contact: string;
    }
  | {
      readonly template: 'appointment_reminder';
      readonly on: PlainDate;
      readonly time: string;
      readonly place: string;
      readonly purpose: string;
    }
  | {
      readonly template: 'correction_window_closing';
      readonly callName: string;
      readonly applicationProtocol: string;
      readonly correctionUntil: PlainDate;
    }
  | {
      readonly template: 'isee_expiring';
      readonly validUntil: PlainDate;
      readonly iseeProtocol: string;
    };

export interface RenderContext {
  /** Name of the addressee (the household's holder). */
  readonly recipientName: string;
  readonly comuneName: string;
  /** Where to ask for help, printed in every message. */
  readonly office: string;
}

export interface RenderedMessage {
  readonly template: TemplateCode;
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** Bulleted items after the first paragraph (reasons, documents, positions). */
  readonly items: readonly string[];
  readonly closing: string;
  /** Legal source printed at the foot of the letter. */
  readonly source: string | null;
  readonly text: string;
  /** The App IO body (markdown, 80–10,000 characters). */
  readonly markdown: string;
}

interface Body {
  readonly subject: string;
  readonly paragraphs: readonly string[];
  readonly items?: readonly string[];
  readonly source?: string;
}

function body(p: TemplateParams): Body {
  switch (p.template) {
    case 'ranking_provisional_published':
      return {
        subject: `Graduatoria provvisoria pubblicata – ${p.callName}`,
        paragraphs: [
          `il ${formatDateLong(p.publishedOn)} è stata pubblicata la graduatoria provvisoria dell’avviso «${p.callName}». La sua domanda n. ${p.applicationProtocol} si trova nelle posizioni seguenti:`,
          `Se le è stata riconosciuta un’invalidità civile con una procedura avviata prima della scadenza dell’avviso, può chiedere la rettifica del punteggio entro il ${formatDateLong(p.correctionUntil)}.`,
          'La spiegazione della posizione è consultabile nel portale del cittadino.',
        ],
        items:
          p.positions.length > 0
            ? p.positions.map((x) => `${x.ranking}: posizione ${x.position} su ${x.total}`)
            : ['la domanda non compare in alcuna graduatoria'],
        source: 'R.R. Lombardia 4/2017 art. 12',
      };
    case 'application_admitted':
      return {
        subject: `Domanda ammessa – ${p.callName}`,
        paragraphs: [
          `con decisione del ${formatDateLong(p.decidedOn)} la sua domanda n. ${p.applicationProtocol} per l’avviso «${p.callName}» è stata ammessa, perché possiede i requisiti richiesti.`,
          `Motivazione: ${p.reason}`,
        ],
        source: 'R.R. Lombardia 4/2017 art. 7 e art. 12',
      };
    case 'application_excluded':
      return {
        subject: `Domanda esclusa – ${p.callName}`,
        paragraphs: [
          `con decisione del ${formatDateLong(p.decidedOn)} la sua domanda n. ${p.applicationProtocol} per l’avviso «${p.callName}» è stata esclusa per i motivi seguenti:`,
          'Contro questa decisione può presentare ricorso al Tribunale Amministrativo Regionale nei termini di legge. Per chiarimenti può rivolgersi allo sportello.',
        ],
        items: p.reasons,
        source: 'R.R. Lombardia 4/2017 art. 7; L. 241/1990 art. 3',
      };
    case 'documents_requested':
      return {
        subject: 'Richiesta di documenti',
        paragraphs: [
          `per completare ${p.purpose} le chiediamo di consegnare i documenti seguenti entro il ${formatDateLong(p.dueOn)}:`,
          'Può caricarli nel portale del cittadino oppure consegnarli allo sportello. Se non li riceviamo entro la data indicata, la pratica potrà essere valutata con i soli dati disponibili.',
        ],
        items: p.documents,
        source: 'L. 241/1990 art. 6 c.1 lett. b',
      };
    case 'unit_offered':
      return {
        subject: `Proposta di assegnazione dell’alloggio ${p.unitCode}`,
        paragraphs: [
          `le proponiamo l’assegnazione dell’alloggio ${p.unitCode} in ${p.address}, ${p.comuneName}: ${p.rooms} ${p.rooms === 1 ? 'locale' : 'locali'}, ${p.floorAreaM2} m².`,
          p.monthlyRentCents === null
            ? 'Il canone mensile sarà calcolato alla firma del contratto.'
            : `Il canone mensile stimato è di ${formatEuroLetter(p.monthlyRentCents)}.`,
          `Le chiediamo di comunicare l’accettazione o la rinuncia entro il ${formatDateLong(p.answerBy)}. Una rinuncia senza giustificato motivo può comportare la perdita del diritto all’assegnazione.`,
        ],
        source: 'R.R. Lombardia 4/2017 art. 15',
      };
    case 'grant_decision':
      return p.granted
        ? {
            subject: `Contributo concesso – ${p.measureName}`,
            paragraphs: [
              `con decisione del ${formatDateLong(p.decidedOn)} le è stato concesso un contributo di ${formatEuroLetter(p.amountCents)} per la misura «${p.measureName}».`,
              `Motivazione: ${p.reason}`,
            ],
          }
        : {
            subject: `Contributo non concesso – ${p.measureName}`,
            paragraphs: [
              `con decisione del ${formatDateLong(p.decidedOn)} la sua richiesta per la misura «${p.measureName}» non è stata accolta.`,
              `Motivazione: ${p.reason}`,
              'Per chiarimenti può rivolgersi allo sportello.',
            ],
            source: 'L. 241/1990 art. 10 bis',
          };
    case 'stay_ending':
      return {
        subject: 'La permanenza nell’alloggio temporaneo sta per terminare',
        paragraphs: [
          `le ricordiamo che la sua permanenza in ${p.accommodation} termina il ${formatDateLong(p.endsOn)}.`,
          `Per concordare i passi successivi del suo percorso può contattare ${p.contact}.`,
        ],
      };
    case 'appointment_reminder':
      return {
        subject: `Promemoria appuntamento del ${formatDateLong(p.on)}`,
        paragraphs: [
          `le ricordiamo l’appuntamento di ${formatDateWithWeekday(p.on)} alle ore ${p.time} presso ${p.place}, per ${p.purpose}.`,
          'Se non può venire, la preghiamo di disdire l’appuntamento dal portale del cittadino o chiamando lo sportello, così da lasciare il posto ad altri.',
        ],
      };
    case 'correction_window_closing':
      return {
        subject: `Rettifica del punteggio: termine il ${formatDateLong(p.correctionUntil)}`,
        paragraphs: [
          `le ricordiamo che il ${formatDateLong(p.correctionUntil)} scade il termine per chiedere la rettifica del punteggio della domanda n. ${p.applicationProtocol} (avviso «${p.callName}»).`,
          'La rettifica è ammessa solo per il riconoscimento di un’invalidità civile ottenuto con una procedura avviata prima della scadenza dell’avviso.',
        ],
        source: 'R.R. Lombardia 4/2017 art. 12',
      };
    case 'isee_expiring':
      return {
        subject: `La sua attestazione ISEE scade il ${formatDateLong(p.validUntil)}`,
        paragraphs: [
          `l’attestazione ISEE registrata presso l’Agenzia (protocollo ${p.iseeProtocol}) è valida fino al ${formatDateLong(p.validUntil)}.`,
          'Per non interrompere le pratiche in corso presenti una nuova DSU (al CAF o sul sito dell’INPS) e ci comunichi la nuova attestazione.',
        ],
        source: 'D.P.C.M. 159/2013 art. 10',
      };
  }
}

export function renderMessage(params: TemplateParams, ctx: RenderContext): RenderedMessage {
  const b = body(params);
  const greeting = `Gentile ${ctx.recipientName},`;
  const closing = `Per informazioni: ${ctx.office}. Cordiali saluti, Agenzia per la Casa – Comune di ${ctx.comuneName}.`;
  const items = b.items ?? [];
  const [first = '', ...rest] = b.paragraphs;
  const text = [greeting, first, ...items.map((i) => `- ${i}`), ...rest, closing].join('\n\n');
  const markdown = [
    greeting,
    first,
    ...(items.length > 0 ? [items.map((i) => `- ${i}`).join('\n')] : []),
    ...rest,
    closing,
  ].join('\n\n');
  return {
    template: params.template,
    subject: b.subject.length > 120 ? `${b.subject.slice(0, 119)}…` : b.subject,
    greeting,
    paragraphs: b.paragraphs,
    items,
    closing,
    source: b.source ?? null,
    text,
    markdown,
  };
}
