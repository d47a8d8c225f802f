// Calls scored locally (issue 3 item 9): each application's score is computed from its household
// file with the call's points scheme, as of the closing date; ineligible households are not ranked.
import type { PlainDate } from '../../../core/kernel/plain-date.js';
import type { RankingApplication, RankingUnit } from '../../../core/sap/ranking.js';
import { householdFacts } from '../../../core/scoring/household-facts.js';
import { scoreWithScheme } from '../../../core/scoring/points-scheme.js';
import type { DbExecutor } from '../../db/client.js';
import { AppError } from '../../http/errors.js';
import { findScheme, loadHouseholdRecords } from '../schemes/schemes.queries.js';
import type { RankableRow } from './rankings.queries.js';

interface RankingInputs {
  readonly applications: RankingApplication[];
  readonly units: RankingUnit[];
}

export interface SchemeScoring {
  readonly inputs: RankingInputs;
  /** Per platform id: the breakdown (JSON text) stored with the ranking entry. */
  readonly details: Map<string, string>;
  readonly schemeName: string;
  readonly notEligible: number;
}

export async function applyPointsScheme(
  db: DbExecutor,
  call: { scheme_code: string | null; scheme_version: string | null; closes_on: string },
  inputs: RankingInputs,
  rows: readonly RankableRow[],
): Promise<SchemeScoring> {
  if (!call.scheme_code || !call.scheme_version) {
    throw new AppError(409, 'CONFLICT', 'L’avviso è a punteggio locale ma non indica lo schema di punteggio.');
  }
  const scheme = await findScheme(db, call.scheme_code, call.scheme_version);
  if (!scheme)
    throw new AppError(409, 'CONFLICT', `Schema di punteggio ${call.scheme_code}@${call.scheme_version} non trovato.`);
  const asOf = call.closes_on as PlainDate;
  const householdOf = new Map(rows.map((r) => [r.platform_id, r.household_id]));
  const records = await loadHouseholdRecords(db, [...new Set(rows.map((r) => r.household_id))], asOf);
  const details = new Map<string, string>();
  let notEligible = 0;
  const applications = inputs.applications.flatMap((a) => {
    const record = records.get(householdOf.get(a.id) ?? '');
    if (!record) return [];
    const score = scoreWithScheme(householdFacts(record, asOf), scheme, { asOf });
    if (!score.ok) throw new AppError(409, 'CONFLICT', score.error.text);
    if (score.eligibility.outcome === 'not_eligible') {
      notEligible += 1;
      return [];
    }
    details.set(
      a.id,
      JSON.stringify({
        scheme: `${scheme.id}@${scheme.version}`,
        total: score.total,
        text: score.text,
        criteria: score.criteria,
        eligibility: score.eligibility,
      }),
    );
    return [{ ...a, score: score.total }];
  });
  return { inputs: { units: inputs.units, applications }, details, schemeName: scheme.name, notEligible };
}
