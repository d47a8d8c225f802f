// Demo letters and messages (synthetic) written inside the demo loader's transaction.
import { generateCommunicationsDemo } from '../../../core/demo/communications.js';
import type { DemoData } from '../../../core/demo/rows.js';
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { DbExecutor } from '../../db/client.js';
import { newId } from '../../ids.js';
import { recordMessage } from './communications.actions.js';
import { insertDocumentRequest } from './communications.queries.js';

const DEMO_SETTINGS = {
  office: 'sportello dell’Agenzia per la Casa, Piazza Confalonieri 5, Cinisello Balsamo',
  timeZone: 'Europe/Rome',
};

export async function insertCommunicationsDemo(
  trx: DbExecutor,
  data: DemoData,
  options: { readonly seed: number; readonly today: PlainDate },
): Promise<number> {
  let written = 0;
  for (const c of generateCommunicationsDemo(data, options)) {
    const at = new Date(c.at);
    const message = await recordMessage(trx, { now: at, actor: null }, DEMO_SETTINGS, {
      householdId: c.householdId,
      letter: c.letter,
      params: c.params,
    });
    if (!message) continue;
    written += 1;
    if (c.params.template === 'documents_requested') {
      for (const description of c.documents ?? []) {
        await insertDocumentRequest(trx, {
          id: newId(),
          householdId: c.householdId,
          messageId: message.id,
          description,
          dueOn: c.params.dueOn,
          at: c.at,
          by: null,
        });
      }
    }
  }
  // Deliveries stay 'pending' until SMTP or App IO is configured (the outbox sends only on configured channels).
  return written;
}
