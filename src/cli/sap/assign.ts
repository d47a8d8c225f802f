import { AppError } from '../../server/http/errors.js';
import { runAssignment } from '../../server/features/assignments/assignments.actions.js';
import type { CliEnv } from '../context.js';

/** `abitare sap assign <call>`: computes an assignment proposal from the final ranking. */
export async function run(args: string[], env: CliEnv): Promise<number> {
  const [call] = args;
  if (!call) {
    console.error('Uso: abitare sap assign <avviso>');
    return 2;
  }
  try {
    const started = Date.now();
    const r = await runAssignment(env.db.kysely, env.context(), call);
    console.log(
      `Proposta di assegnazione calcolata (${Date.now() - started} ms): elaborazione ${r.runId}, ${r.proposals} alloggi proposti, ${r.unassigned} domande senza alloggio, ${r.unitsLeft} alloggi non assegnati; impronta ${r.inputHash}. Le proposte vanno confermate alloggio per alloggio.`,
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
