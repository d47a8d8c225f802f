// Synthetic, deterministic demo rows of the housing-emergency area (issue 5): partner details and
// agreements, the seed's 5 temporary units run by 3 third-sector partners, stays in various states
// with reports, co-payments and conflicts, evictions at every stage, the seed's 2012–2017 table,
// and accompaniment plans. Pure: the day and the seed are parameters; nobody real.

import { deriveEviction, type EvictionEvent, type EvictionEventKind } from '../evictions/eviction-state.js';
import { CINISELLO_2012_2017, type EvictionMotive } from '../evictions/statistics.js';
import { addDays, addMonths, ageOn, type PlainDate } from '../kernel/plain-date.js';
import { createRng } from '../kernel/rng.js';
import { checkTargetGroup } from '../temporary-housing/placement-rules.js';

export interface EmergencyDemoInput {
  readonly seed: number;
  readonly today: PlainDate;
  /** The moment rows are written (created_at). */
  readonly at: string;
  readonly partners: readonly { readonly id: string; readonly name: string }[];
  readonly households: readonly {
    readonly id: string;
    readonly comuneId: string;
    readonly address: string;
    readonly members: readonly { readonly birthDate: PlainDate; readonly sex: 'F' | 'M'; readonly name: string }[];
    /** Partners the file is already shared with (the demo partner account sees those). */
    readonly sharedWith: readonly string[];
  }[];
  readonly socialWorkerId: string;
  readonly managerId: string;
  /** The demo partner user (of the first partner), author of its educators' reports. */
  readonly partnerUserId: string | null;
  readonly leadComuneId: string;
}

const SERVICES = [
  ['Ospitalità temporanea', 'Accompagnamento educativo', 'Orientamento al lavoro'],
  ['Ospitalità temporanea', 'Mediazione dei conflitti', 'Sostegno alla genitorialità'],
  ['Ospitalità temporanea', 'Accompagnamento all’autonomia abitativa'],
] as const;

const UNIT_STREETS = ['Via Garibaldi 21', 'Via Cavour 8', 'Via Dante 14', 'Via Mazzini 30', 'Via Verdi 5'];
const COURTS = ['Tribunale di Monza', 'Tribunale di Milano'];
const LANDLORDS = [
  'Immobiliare Lombarda srl',
  'Sig. Brambilla (privato)',
  'Sig.ra Colombo (privata)',
  'Casa Nord spa',
  'ALER Milano',
];

/** Stage paths: offsets in days from the start of each step; the last step sets the status. */
type Step = {
  kind: EvictionEventKind;
  gap: number;
  plannedIn?: number;
  outcome?: 'postponed' | 'executed';
  police?: boolean;
};
const PATHS: Record<string, Step[]> = {
  reported: [],
  notice_served: [{ kind: 'notice_served', gap: 0 }],
  hearing_held: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'hearing', gap: 25 },
  ],
  validated: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'validated', gap: 30 },
  ],
  release_soon: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'validated', gap: 30 },
    { kind: 'release_date_set', gap: 0, plannedIn: 0 },
  ],
  precetto_served: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'validated', gap: 30 },
    { kind: 'release_date_set', gap: 0, plannedIn: 0 },
    { kind: 'precetto', gap: 20 },
  ],
  access_postponed: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'validated', gap: 30 },
    { kind: 'release_date_set', gap: 0, plannedIn: 90 },
    { kind: 'precetto', gap: 20 },
    { kind: 'bailiff_notice', gap: 30, plannedIn: 15 },
    { kind: 'bailiff_visit', gap: 15, outcome: 'postponed', police: false, plannedIn: 0 },
  ],
  executed: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'validated', gap: 30 },
    { kind: 'release_date_set', gap: 0, plannedIn: 90 },
    { kind: 'precetto', gap: 20 },
    { kind: 'bailiff_notice', gap: 30, plannedIn: 15 },
    { kind: 'bailiff_visit', gap: 15, outcome: 'postponed', police: false, plannedIn: 40 },
    { kind: 'bailiff_visit', gap: 40, outcome: 'executed', police: true },
  ],
  closed: [
    { kind: 'notice_served', gap: 0 },
    { kind: 'closed', gap: 40 },
  ],
};

/** The procedures of the demo: [path, motive, days before today of the first event, planned-release offset from today]. */
const EVICTION_PLAN: readonly [keyof typeof PATHS, EvictionMotive, number, number | null][] = [
  ['release_soon', 'arrears', 120, 12],
  ['release_soon', 'end_of_lease', 150, 26],
  ['access_postponed', 'arrears', 200, 20],
  ['precetto_served', 'arrears', 160, 45],
  ['validated', 'arrears', 60, null],
  ['hearing_held', 'arrears', 40, null],
  ['notice_served', 'arrears', 15, null],
  ['reported', 'arrears', 10, null],
  ['executed', 'arrears', 320, null],
  ['executed', 'end_of_lease', 300, null],
  ['executed', 'landlord_need', 400, null],
  ['closed', 'arrears', 150, null],
  ['validated', 'landlord_need', 90, null],
  ['release_soon', 'other', 130, 70],
];

export interface EmergencyDemo {
  readonly partnerExtras: { id: string; services: string; notes: string | null }[];
  readonly contacts: {
    id: string;
    partner_id: string;
    name: string;
    role_label: string;
    email: string;
    phone: string;
    created_at: string;
  }[];
  readonly agreements: {
    id: string;
    partner_id: string;
    subject: string;
    starts_on: string;
    ends_on: string;
    places: number;
    cost_per_place_month_cents: number;
    notes: string | null;
    created_at: string;
    created_by: string;
  }[];
  readonly units: {
    id: string;
    code: string;
    partner_id: string;
    agreement_id: string;
    comune_id: string;
    address: string;
    capacity_places: number;
    rooms: number;
    shared: number;
    target_group: string;
    stay_kind: 'hospitality';
    active: number;
    notes: string | null;
    created_at: string;
  }[];
  readonly placements: {
    id: string;
    code: string;
    household_id: string;
    unit_id: string;
    partner_id: string;
    places_used: number;
    starts_on: PlainDate;
    planned_end_on: PlainDate;
    renewals: { decided_on: PlainDate; previous_end_on: PlainDate; new_end_on: PlainDate }[];
    monthly_grant_cents: number;
    monthly_copayment_cents: number;
    educator_name: string;
    exit_plan: string | null;
    exit_plan_on: PlainDate | null;
    exited_on: PlainDate | null;
    exit_destination: string | null;
    reports: { reported_on: PlainDate; period_from: PlainDate; period_to: PlainDate; body: string }[];
    payments: { period_month: string; amount_cents: number; paid_on: PlainDate }[];
    conflicts: {
      occurred_on: PlainDate;
      severity: 'low' | 'medium' | 'high';
      description: string;
      follow_up: string | null;
      resolved_on: PlainDate | null;
    }[];
  }[];
  readonly evictions: {
    id: string;
    code: string;
    household_id: string;
    comune_id: string;
    address: string;
    court: string;
    case_number: string;
    landlord_name: string;
    landlord_kind: 'private' | 'aler' | 'company';
    motive: EvictionMotive;
    arrears_cents: number | null;
    reported_by: 'court' | 'landlord' | 'household' | 'social_services';
    reported_on: PlainDate;
    social_worker_id: string | null;
    status: string;
    planned_release_on: PlainDate | null;
    events: EvictionEvent[];
  }[];
  readonly history: typeof CINISELLO_2012_2017;
  readonly plans: {
    id: string;
    household_id: string;
    title: string;
    opened_on: PlainDate;
    next_review_on: PlainDate | null;
    goals: string[];
    actions: {
      description: string;
      responsible_kind: 'agency' | 'social_worker' | 'educator' | 'household';
      responsible_name: string;
      due_on: PlainDate;
      status: 'planned' | 'in_progress' | 'done';
      done_on: PlainDate | null;
      goal: number;
    }[];
    reviews: { reviewed_on: PlainDate; outcome: string }[];
    team: { user_id: string | null; partner_id: string | null; name: string; role_label: string }[];
  }[];
}

export function generateEmergencyDemo(input: EmergencyDemoInput): EmergencyDemo {
  const rng = createRng((input.seed ^ 0x5f0a11ce) >>> 0);
  let n = 0;
  const id = (prefix: string) => `${prefix}-${input.seed.toString(36)}-${(n++).toString(36).padStart(4, '0')}`;
  const today = input.today;
  const partners = input.partners.slice(0, 3);

  const partnerExtras = partners.map((p, i) => ({
    id: p.id,
    services: (SERVICES[i] ?? SERVICES[0]).join('\n'),
    notes: 'Ente convenzionato per l’ospitalità temporanea dal 2016 (dati dimostrativi).',
  }));
  const contacts = partners.flatMap((p, i) => [
    {
      id: id('pc'),
      partner_id: p.id,
      name: ['Sara Moretti', 'Paolo Riva', 'Giulia Ferri'][i] ?? 'Referente',
      role_label: 'Coordinatrice del servizio',
      email: `coordinamento${i + 1}@partner.example.org`,
      phone: `02 ${rng.int(3000, 9999)} ${rng.int(1000, 9999)}`,
      created_at: input.at,
    },
  ]);
  const year = Number(today.slice(0, 4));
  const agreements = partners.map((p, i) => ({
    id: id('ag'),
    partner_id: p.id,
    subject: 'Gestione di alloggi per l’ospitalità temporanea di donne sole o con minori e accompagnamento educativo',
    starts_on: `${year}-01-01`,
    ends_on: `${year + 1}-12-31`,
    places: i === 0 ? 8 : 4,
    cost_per_place_month_cents: [32_000, 30_000, 35_000][i] ?? 30_000,
    notes: null,
    created_at: input.at,
    created_by: input.managerId,
  }));
  // The seed: 5 units run by 3 partners (2 + 2 + 1), shared, for women alone or with minors.
  const unitPartner = [0, 0, 1, 1, 2];
  const units = unitPartner.flatMap((pi, i) => {
    const p = partners[pi];
    const a = agreements[pi];
    if (!p || !a) return [];
    return [
      {
        id: id('tu'),
        code: `TMP-${String(i + 1).padStart(2, '0')}`,
        partner_id: p.id,
        agreement_id: a.id,
        comune_id: input.leadComuneId,
        address: `${UNIT_STREETS[i] ?? 'Via Roma 1'}, Cinisello Balsamo`,
        capacity_places: [4, 5, 4, 3, 4][i] ?? 4,
        rooms: [2, 3, 2, 2, 2][i] ?? 2,
        shared: 1,
        target_group: 'women_alone_or_with_minors',
        stay_kind: 'hospitality' as const,
        active: 1,
        notes: null,
        created_at: input.at,
      },
    ];
  });

  // Households that fit the units: one adult woman, with or without minors.
  const fits = input.households.filter(
    (h) =>
      checkTargetGroup(
        'women_alone_or_with_minors',
        h.members.map((m) => ({ age: ageOn(m.birthDate, addMonths(today, -8)), sex: m.sex })),
      ).eligible,
  );
  const used = new Set<string>();
  const take = (list: typeof input.households) => {
    const h = list.find((x) => !used.has(x.id));
    if (h) used.add(h.id);
    return h;
  };

  // Stays: [unit, months since start, state]
  const STAYS: readonly [number, number, 'active' | 'ending_no_plan' | 'renewed' | 'ended' | 'overdue_report'][] = [
    [0, 3, 'active'],
    [0, 5, 'ending_no_plan'],
    [1, 8, 'renewed'],
    [2, 2, 'overdue_report'],
    [3, 4, 'active'],
    [4, 13, 'ended'],
    [2, 14, 'ended'],
  ];
  const placements: EmergencyDemo['placements'][number][] = [];
  for (const [ui, monthsAgo, state] of STAYS) {
    const unit = units[ui];
    // The demo partner's stays go to files already shared with it (it keeps seeing the same files).
    const h = take(ui < 2 ? fits.filter((x) => x.sharedWith.includes(unit?.partner_id ?? '')) : fits);
    if (!unit || !h) continue;
    const startsOn = addDays(addMonths(today, -monthsAgo), -rng.int(0, 9));
    let plannedEnd = state === 'ending_no_plan' ? addDays(today, rng.int(8, 25)) : addMonths(startsOn, 6);
    if (plannedEnd <= startsOn) plannedEnd = addDays(startsOn, 1);
    const renewals: EmergencyDemo['placements'][number]['renewals'] = [];
    if (state === 'renewed' || state === 'ended') {
      const newEnd = addMonths(plannedEnd, 6);
      renewals.push({ decided_on: addDays(plannedEnd, -15), previous_end_on: plannedEnd, new_end_on: newEnd });
      plannedEnd = newEnd;
    }
    const exitedOn = state === 'ended' ? (plannedEnd < today ? plannedEnd : addDays(today, -rng.int(5, 30))) : null;
    const lastDay = exitedOn ?? today;
    const reports: EmergencyDemo['placements'][number]['reports'] = [];
    const stopReports = state === 'overdue_report' ? addDays(startsOn, 20) : lastDay;
    for (let from = startsOn; addDays(from, 30) <= stopReports; from = addDays(from, 30)) {
      const to = addDays(from, 29);
      reports.push({
        reported_on: addDays(to, 1),
        period_from: from,
        period_to: to,
        body: rng.pick([
          'Il nucleo rispetta il regolamento della casa; la madre frequenta un corso di formazione.',
          'Buona collaborazione con l’educatrice; avviata la ricerca di un alloggio in affitto.',
          'Qualche difficoltà nella gestione degli spazi comuni, affrontata in riunione di casa.',
          'La signora ha presentato domanda al bando SAP; i figli frequentano regolarmente la scuola.',
        ]),
      });
    }
    const copay = rng.pick([3000, 5000, 8000]);
    const payments: EmergencyDemo['placements'][number]['payments'] = [];
    for (
      let m = addMonths(startsOn, 0);
      exitedOn ? m.slice(0, 7) <= lastDay.slice(0, 7) : m.slice(0, 7) < lastDay.slice(0, 7);
      m = addMonths(m, 1)
    ) {
      // The stay with an overdue report also misses its last two co-payments.
      if (state === 'overdue_report' && m.slice(0, 7) >= addMonths(today, -2).slice(0, 7)) continue;
      payments.push({
        period_month: m.slice(0, 7),
        amount_cents: copay,
        paid_on: addDays(`${m.slice(0, 7)}-01` as PlainDate, 27),
      });
    }
    const conflicts: EmergencyDemo['placements'][number]['conflicts'] =
      ui === 0 || state === 'renewed'
        ? [
            {
              occurred_on: addDays(startsOn, 40),
              severity: state === 'renewed' ? 'medium' : 'low',
              description: 'Discussione tra coinquiline sull’uso della cucina e sugli orari.',
              follow_up: 'Incontro di mediazione con l’educatrice; concordati turni settimanali.',
              resolved_on: addDays(startsOn, 52),
            },
          ]
        : [];
    placements.push({
      id: id('pl'),
      code: `OSP-${startsOn.slice(0, 4)}-${String(placements.filter((p) => p.starts_on.slice(0, 4) === startsOn.slice(0, 4)).length + 1).padStart(4, '0')}`,
      household_id: h.id,
      unit_id: unit.id,
      partner_id: unit.partner_id,
      places_used: Math.min(h.members.length, 2),
      starts_on: startsOn,
      planned_end_on: plannedEnd,
      renewals,
      monthly_grant_cents: rng.pick([15000, 20000, 25000]),
      monthly_copayment_cents: copay,
      educator_name: rng.pick(['Educatrice Laura Sala', 'Educatore Matteo Villa', 'Educatrice Irene Conti']),
      exit_plan:
        state === 'renewed' || state === 'ended'
          ? 'Domanda all’avviso SAP in corso e ricerca di un affitto a canone concordato con il contributo del Comune.'
          : null,
      exit_plan_on: state === 'renewed' || state === 'ended' ? addDays(startsOn, 120) : null,
      exited_on: exitedOn,
      exit_destination: exitedOn ? rng.pick(['sap_assignment', 'private_rent', 'family']) : null,
      reports,
      payments,
      conflicts,
    });
  }
  // Codes are per start year: make them unique across years with equal sequence numbers.
  const seen = new Set<string>();
  for (const p of placements) {
    let c = p.code;
    for (let k = 1; seen.has(c); k++)
      c = `${p.code.slice(0, 9)}${String(Number(p.code.slice(9)) + k).padStart(4, '0')}`;
    p.code = c;
    seen.add(c);
  }

  const evictions: EmergencyDemo['evictions'][number][] = [];
  for (const [k, [path, motive, daysAgo, releaseIn]] of EVICTION_PLAN.entries()) {
    const h = take(k < 4 ? fits.concat(input.households) : input.households);
    if (!h) continue;
    const start = addDays(today, -daysAgo);
    let d = start;
    const events: EvictionEvent[] = [];
    for (const step of PATHS[path] ?? []) {
      d = addDays(d, step.gap);
      const planned =
        step.plannedIn === undefined
          ? null
          : addDays(
              step.plannedIn === 0 && releaseIn !== null ? today : d,
              step.plannedIn === 0 ? (releaseIn ?? 30) : step.plannedIn,
            );
      events.push({
        kind: step.kind,
        occurredOn: d,
        plannedOn: planned,
        visitOutcome: step.outcome ?? null,
        policePresent: step.police ?? null,
      });
    }
    const derived = deriveEviction(events);
    if (!derived.ok) throw new Error(`demo eviction path ${path} does not derive: ${derived.message}`);
    const year = start.slice(0, 4);
    const landlord = LANDLORDS[k % LANDLORDS.length] ?? 'Sig. Rossi (privato)';
    evictions.push({
      id: id('ev'),
      code: `SF-${year}-${String(evictions.filter((e) => e.code.startsWith(`SF-${year}`)).length + 1).padStart(5, '0')}`,
      household_id: h.id,
      comune_id: h.comuneId,
      address: h.address,
      court: rng.pick(COURTS),
      case_number: `${rng.int(1000, 9999)}/${year}`,
      landlord_name: landlord,
      landlord_kind: landlord.startsWith('ALER') ? 'aler' : landlord.startsWith('Sig') ? 'private' : 'company',
      motive,
      arrears_cents: motive === 'arrears' ? rng.int(15, 120) * 10_000 : null,
      reported_by: rng.pick(['court', 'landlord', 'household', 'social_services'] as const),
      reported_on: addDays(start, -rng.int(1, 10)),
      // Two open procedures without a social worker, for the work list.
      social_worker_id: k === 1 || k === 6 ? null : input.socialWorkerId,
      status: derived.status,
      planned_release_on: derived.plannedReleaseOn,
      events,
    });
  }

  const planHouseholds = [
    ...placements.filter((p) => p.exited_on === null).map((p) => p.household_id),
    ...evictions.slice(0, 3).map((e) => e.household_id),
  ];
  const plans = [...new Set(planHouseholds)].slice(0, 6).map((householdId, i) => {
    const openedOn = addDays(today, -rng.int(60, 180));
    return {
      id: id('sp'),
      household_id: householdId,
      title: i % 2 === 0 ? 'Verso l’autonomia abitativa' : 'Prevenzione dello sfratto e sostegno al reddito',
      opened_on: openedOn,
      next_review_on: addDays(today, rng.int(-5, 40)),
      goals: ['Trovare una soluzione abitativa stabile', 'Stabilizzare il reddito del nucleo'],
      actions: [
        {
          description: 'Domanda al prossimo avviso SAP dell’Ambito',
          responsible_kind: 'social_worker' as const,
          responsible_name: 'Assistente sociale',
          due_on: addDays(openedOn, 30),
          status: 'done' as const,
          done_on: addDays(openedOn, 25),
          goal: 0,
        },
        {
          description: 'Iscrizione al servizio di orientamento al lavoro',
          responsible_kind: 'educator' as const,
          responsible_name: 'Educatrice di riferimento',
          due_on: addDays(today, i % 3 === 0 ? -7 : 20),
          status: 'in_progress' as const,
          done_on: null,
          goal: 1,
        },
        {
          description: 'Verifica dei requisiti per il contributo all’affitto',
          responsible_kind: 'agency' as const,
          responsible_name: 'Sportello dell’Agenzia',
          due_on: addDays(today, 35),
          status: 'planned' as const,
          done_on: null,
          goal: 0,
        },
      ],
      reviews: [{ reviewed_on: addDays(openedOn, 45), outcome: 'Obiettivi confermati; domanda SAP presentata.' }],
      team: [
        {
          user_id: input.socialWorkerId,
          partner_id: null,
          name: 'Assistente sociale dell’Agenzia',
          role_label: 'Case manager',
        },
        {
          user_id: null,
          partner_id: partners[0]?.id ?? null,
          name: 'Educatrice di riferimento',
          role_label: 'Educatrice',
        },
      ],
    };
  });

  return { partnerExtras, contacts, agreements, units, placements, evictions, history: CINISELLO_2012_2017, plans };
}
