// `abitare sap create-call --name <text> --opens <YYYY-MM-DD> --closes <YYYY-MM-DD> [--kind ordinary|police_forces]`:
// creates a call and prints its id alone on stdout, so that scripts can capture it.
import { parseArgs } from 'node:util';
import { callInputSchema } from '../../shared/calls.js';
import { createCall } from '../../server/features/calls/calls.actions.js';
import { AppError } from '../../server/http/errors.js';
import type { CliEnv } from '../context.js';

const USAGE =
  'Uso: abitare sap create-call --name <testo> --opens <AAAA-MM-GG> --closes <AAAA-MM-GG> [--kind ordinary|police_forces]';

const FIELD_LABELS: Record<string, string> = {
  name: '--name',
  opensOn: '--opens',
  closesOn: '--closes',
  kind: '--kind',
};

export async function run(args: string[], env: CliEnv): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        opens: { type: 'string' },
        closes: { type: 'string' },
        kind: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.name || !values.opens || !values.closes) {
    console.error(`Indicare --name, --opens e --closes.\n${USAGE}`);
    return 2;
  }
  const parsed = callInputSchema.safeParse({
    name: values.name,
    opensOn: values.opens,
    closesOn: values.closes,
    ...(values.kind ? { kind: values.kind } : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_LABELS[String(issue.path[0] ?? '')];
      console.error(field ? `${field}: ${issue.message}` : issue.message);
    }
    return 2;
  }
  try {
    const id = await createCall(env.db.kysely, env.context(), parsed.data);
    console.log(id);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.message);
    for (const d of err.details ?? []) console.error(`  ${d.path}: ${d.message}`);
    return 2;
  }
}
