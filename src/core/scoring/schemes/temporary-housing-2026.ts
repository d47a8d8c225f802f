// Worked example of a locally scored call (issue 3 item 9): the selection for the temporary-housing
// units the agency runs with three third-sector partners since 2016, for women alone or with minors
// (seed; domain/README.md). EVERY POINT VALUE AND THRESHOLD HERE IS A MUNICIPAL CHOICE made for the
// demo, not a rule of law: the selection has no regional points table. An administrator replaces
// this scheme with the one the Comune adopts, as a new version.

import type { PlainDate } from '../../kernel/plain-date.js';
import type { PointsScheme } from '../points-scheme.js';

const CHOICE =
  'Scelta del Comune per la selezione (esempio dimostrativo, da sostituire con l’atto adottato): non è una norma di legge';

export const TEMPORARY_HOUSING_2026: PointsScheme = {
  id: 'temporary-housing',
  version: '2026.1',
  name: 'Ospitalità temporanea per donne sole o con figli minori – 2026',
  validFrom: '2026-01-01' as PlainDate,
  validTo: '2026-12-31' as PlainDate,
  eligibility: [
    {
      code: 'woman_alone_or_with_minors',
      label: 'Donna sola o con figli minori',
      condition: {
        all: [
          { fact: 'applicant_sex', op: '=', value: 'F' },
          { fact: 'adults_count', op: '=', value: 1 },
        ],
      },
      source:
        'Progetto di ospitalità temporanea dell’Agenzia per la Casa (dal 2016): unità per donne sole o con minori',
    },
    {
      code: 'resides_in_ambito',
      label: 'Residenza in un Comune dell’Ambito',
      condition: { fact: 'resides_in_ambito', op: '=', value: true },
      source: CHOICE,
    },
    {
      code: 'isee_within_threshold',
      label: 'ISEE non superiore a 16.000 €',
      condition: { fact: 'isee_cents', op: '<=', value: 1_600_000 },
      source: `${CHOICE}; soglia presa a riferimento da R.R. 4/2017 art. 7 c.1 lett. c)`,
    },
  ],
  criteria: [
    {
      code: 'minors_1',
      label: 'Almeno un figlio minore',
      condition: { fact: 'minors_count', op: '>=', value: 1 },
      points: 3,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'minors_2',
      label: 'Almeno due figli minori (in aggiunta)',
      condition: { fact: 'minors_count', op: '>=', value: 2 },
      points: 2,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'minors_3',
      label: 'Tre o più figli minori (in aggiunta)',
      condition: { fact: 'minors_count', op: '>=', value: 3 },
      points: 1,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'eviction_executed',
      label: 'Sfratto eseguito',
      condition: { fact: 'eviction_executed', op: '=', value: true },
      points: 5,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'domestic_violence',
      label: 'Vittima di violenza domestica',
      condition: { fact: 'domestic_violence', op: '=', value: true },
      points: 6,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'no_income',
      label: 'Nucleo senza reddito',
      condition: { fact: 'no_income', op: '=', value: true },
      points: 4,
      source: CHOICE,
      basis: 'municipal_choice',
    },
    {
      code: 'followed_by_agency_team',
      label: 'Seguita dall’équipe dell’Agenzia per la Casa',
      condition: { fact: 'followed_by_agency_team', op: '=', value: true },
      points: 2,
      source: CHOICE,
      basis: 'municipal_choice',
    },
  ],
  tieBreakKeys: ['lower_isee', 'earlier_submission', 'seeded_draw'],
};
