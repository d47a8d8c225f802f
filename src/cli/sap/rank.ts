import { AppError } from '../../server/http/errors.js';
import { rankCall } from '../../server/features/rankings/rankings.actions.js';
import type { CliEnv } from '../context.js';

/** `abitare sap rank <call>`: computes a new ranking run (draft) and prints its summary. */
export async function run(args: string[], env: CliEnv): Promise<number> {
  const [call] = args;
  if (!call) {
    console.error('Uso: abitare sap rank <avviso>');
    return 2;
  }
  try {
    const started = Date.now();
    const result = await rankCall(env.db.kysely, env.context(), call);
    console.log(
      `Graduatoria calcolata (${Date.now() - started} ms): elaborazione ${result.runId}, ${result.applications} domande in ${result.rankings} graduatorie` +
        (result.withoutChoices > 0 ? `, ${result.withoutChoices} senza alloggi scelti tra quelli offerti` : '') +
        `; impronta degli input ${result.inputHash}.`,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}
