// Demo communications (synthetic): the letters of the requirement review of the demo call, a few
// requests for documents and grant decisions. Pure and seeded: the same data gives the same letters.
import type { TemplateParams } from '../communications/templates.js';
import { addDays, plainDateOf, type PlainDate } from '../kernel/plain-date.js';
import { createRng } from '../kernel/rng.js';
import type { DemoData } from './rows.js';

export interface DemoCommunication {
  readonly householdId: string;
  readonly letter: boolean;
  readonly params: TemplateParams;
  /** For a request of documents: one document request per item. */
  readonly documents?: readonly string[];
  readonly at: string;
}

const DOCUMENT_SETS = [
  ['Attestazione ISEE in corso di validità'],
  ['Contratto di locazione registrato', 'Ultime tre ricevute del canone'],
  ['Certificato di invalidità civile'],
] as const;

export function generateCommunicationsDemo(
  data: Pick<DemoData, 'applications' | 'reviews' | 'calls' | 'households'>,
  options: { readonly seed: number; readonly today: PlainDate },
): DemoCommunication[] {
  const rng = createRng((options.seed ^ 0x5eed_c0de) >>> 0);
  const calls = new Map(data.calls.map((c) => [c.id, c]));
  const applications = new Map(data.applications.map((a) => [a.id, a]));
  const out: DemoCommunication[] = [];
  // Admission and exclusion letters for the first 40 reviews (RR 4/2017 art. 7).
  for (const review of data.reviews.slice(0, 40)) {
    const application = applications.get(review.application_id);
    const call = application ? calls.get(application.call_id) : undefined;
    if (!application || !call) continue;
    const decidedOn = plainDateOf(new Date(review.decided_at));
    out.push({
      householdId: application.household_id,
      letter: true,
      at: review.decided_at,
      params:
        review.decision === 'admitted'
          ? {
              template: 'application_admitted',
              callName: call.name,
              applicationProtocol: application.protocol,
              decidedOn,
              reason: review.reason,
            }
          : {
              template: 'application_excluded',
              callName: call.name,
              applicationProtocol: application.protocol,
              decidedOn,
              reasons: [review.reason],
            },
    });
  }
  // Requests for documents, due in the coming weeks, to households with an application (so that a
  // demo citizen has something to upload in the portal).
  const withApplication = [...new Set(data.applications.map((a) => a.household_id))];
  for (const householdId of withApplication.slice(0, 15)) {
    const documents = rng.pick(DOCUMENT_SETS);
    const dueOn = addDays(options.today, rng.int(10, 30));
    out.push({
      householdId,
      letter: true,
      at: `${addDays(options.today, -rng.int(1, 10))}T09:${String(rng.int(10, 59))}:00.000Z`,
      documents,
      params: { template: 'documents_requested', documents, purpose: 'la domanda di alloggio pubblico', dueOn },
    });
  }
  // A few grant decisions for households without an application.
  const others = data.households.filter((h) => !withApplication.includes(h.id)).slice(0, 10);
  for (const h of others) {
    const granted = rng.chance(0.7);
    const decidedOn = addDays(options.today, -rng.int(5, 60));
    out.push({
      householdId: h.id,
      letter: true,
      at: `${decidedOn}T10:00:00.000Z`,
      params: {
        template: 'grant_decision',
        measureName: 'Contributo per il mantenimento dell’alloggio in locazione',
        granted,
        amountCents: granted ? rng.int(6, 30) * 10_000 : 0,
        reason: granted
          ? 'requisiti verificati e fondi disponibili.'
          : 'ISEE superiore alla soglia prevista dalla misura.',
        decidedOn,
      },
    });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
