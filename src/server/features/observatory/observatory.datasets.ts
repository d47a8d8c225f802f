// The tables behind each chart of the observatory. Every chart is also shown as its table.
import type { Dataset, DashboardGroup } from '../../../shared/observatory.js';
import type { DbExecutor, Dialect } from '../../db/client.js';
import * as q from './observatory.queries.js';

type Row = Record<string, string | number | null>;

export interface DatasetDefinition extends Omit<Dataset, 'rows'> {
  load(db: DbExecutor, dialect: Dialect, filter: q.ObservatoryFilter, today: string): Promise<Row[]>;
}

const STATE_LABELS: Record<string, string> = {
  available: 'Disponibile',
  works_needed: 'Necessita di lavori',
  assigned: 'Assegnato',
  reserved_sat: 'Riservato SAT',
  not_assignable: 'Non assegnabile',
};
const MOTIVE_LABELS: Record<string, string> = {
  landlord_need: 'Necessità del locatore',
  end_of_lease: 'Finita locazione',
  arrears: 'Morosità',
  other: 'Altra causa',
};
const STAY_LABELS: Record<string, string> = { hospitality: 'Ospitalità temporanea', sat: 'SAT' };

function sortRows(rows: Row[], keys: readonly string[]): Row[] {
  const key = (r: Row) => keys.map((k) => String(r[k] ?? '')).join('\u0000');
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export const DATASETS: readonly DatasetDefinition[] = [
  {
    id: 'applications-by-call',
    group: 'demand',
    title: 'Domande per avviso e Comune di residenza',
    description: 'Domande di alloggio pubblico (SAP) presentate, per avviso, Comune di residenza e anno.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'call', label: 'Avviso', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'applications', label: 'Domande', kind: 'number' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'call', series: 'comune', value: 'applications' },
    householdsColumn: 'households',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'applications-by-call', f)).map((c) => ({
          year: c.year,
          call: c.key1,
          comune: c.comune || c.key2,
          applications: c.n1,
          households: c.n2,
        })),
        ['year', 'call', 'comune'],
      ),
  },
  {
    id: 'households-followed',
    group: 'demand',
    title: 'Nuclei seguiti',
    description: 'Nuclei familiari con un fascicolo presso l’Agenzia, per anno di apertura e Comune.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
    ],
    chart: { type: 'line', category: 'year', series: 'comune', value: 'households' },
    householdsColumn: 'households',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'households-followed', f)).map((c) => ({
          year: c.year,
          comune: c.comune,
          households: c.n1,
        })),
        ['year', 'comune'],
      ),
  },
  {
    id: 'needs-by-category',
    group: 'demand',
    title: 'Bisogni per categoria',
    description:
      'Nuclei per categoria di fragilità registrata, anno di registrazione e Comune (un nucleo può averne più d’una).',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'category', label: 'Categoria', kind: 'text' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'category', series: null, value: 'households' },
    householdsColumn: 'households',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'needs-by-category', f)).map((c) => ({
          year: c.year,
          comune: c.comune,
          category: c.key1,
          households: c.n1,
        })),
        ['year', 'comune', 'category'],
      ),
  },
  {
    id: 'stock',
    group: 'supply',
    title: 'Patrimonio per proprietario, Comune e stato',
    description: 'Alloggi oggi registrati, per ente proprietario, Comune e stato (il filtro per anno non si applica).',
    columns: [
      { key: 'owner', label: 'Proprietario', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'state', label: 'Stato', kind: 'text' },
      { key: 'units', label: 'Alloggi', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'owner', series: 'state', value: 'units' },
    householdsColumn: null,
    load: async (db, d, f) =>
      (await q.stockByOwnerComuneState(db, d, f)).map((r) => ({ ...r, state: STATE_LABELS[r.state] ?? r.state })),
  },
  {
    id: 'units-available',
    group: 'supply',
    title: 'Alloggi resi disponibili',
    description: 'Passaggi di un alloggio allo stato «disponibile», per anno e Comune.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'units', label: 'Alloggi', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'year', series: 'comune', value: 'units' },
    householdsColumn: null,
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'units-available', f)).map((c) => ({ year: c.year, comune: c.comune, units: c.n1 })),
        ['year', 'comune'],
      ),
  },
  {
    id: 'assignments',
    group: 'supply',
    title: 'Assegnazioni per anno',
    description: 'Alloggi assegnati, per anno e Comune dell’alloggio.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'assignments', label: 'Assegnazioni', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'year', series: 'comune', value: 'assignments' },
    householdsColumn: 'assignments',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'assignments', f)).map((c) => ({ year: c.year, comune: c.comune, assignments: c.n1 })),
        ['year', 'comune'],
      ),
  },
  {
    id: 'waiting-times',
    group: 'supply',
    title: 'Tempi di attesa',
    description:
      'Giorni dalla presentazione della domanda all’assegnazione, per anno di assegnazione e Comune dell’alloggio.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'assignments', label: 'Assegnazioni', kind: 'number' },
      { key: 'medianDays', label: 'Attesa mediana (giorni)', kind: 'number' },
      { key: 'meanDays', label: 'Attesa media (giorni)', kind: 'number' },
    ],
    chart: { type: 'line', category: 'year', series: 'comune', value: 'medianDays' },
    householdsColumn: 'assignments',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'waiting-times', f)).map((c) => ({
          year: c.year,
          comune: c.comune,
          assignments: c.n1,
          medianDays: c.n2,
          meanDays: c.n1 === 0 ? null : Math.round(c.n3 / c.n1),
        })),
        ['year', 'comune'],
      ),
  },
  {
    id: 'evictions',
    group: 'emergency',
    title: 'Sfratti per anno, motivo e fase',
    description: 'Procedure di sfratto seguite dall’Agenzia, per anno di segnalazione, Comune, motivo e fase attuale.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'motive', label: 'Motivo', kind: 'text' },
      { key: 'status', label: 'Fase', kind: 'text' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'year', series: 'motive', value: 'households' },
    householdsColumn: 'households',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'evictions', f)).map((c) => ({
          year: c.year,
          comune: c.comune,
          motive: MOTIVE_LABELS[c.key1] ?? c.key1,
          status: c.key2,
          households: c.n1,
        })),
        ['year', 'comune', 'motive', 'status'],
      ),
  },
  {
    id: 'eviction-totals',
    group: 'emergency',
    title: 'Sfratti: serie storiche',
    description:
      'Totali annui importati (fra cui la tabella 2012–2017 del Comune di Cinisello Balsamo e le statistiche del Ministero dell’Interno), con la loro fonte. Il filtro per Comune non si applica.',
    columns: [
      { key: 'scope', label: 'Ambito territoriale', kind: 'text' },
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'issued', label: 'Provvedimenti / convalidati', kind: 'number' },
      { key: 'executionRequests', label: 'Richieste di esecuzione', kind: 'number' },
      { key: 'executed', label: 'Eseguiti', kind: 'number' },
      { key: 'source', label: 'Fonte', kind: 'text' },
    ],
    chart: { type: 'line', category: 'year', series: 'scope', value: 'issued' },
    householdsColumn: null,
    load: (db, d, f) => q.evictionYearlyTotals(db, d, f),
  },
  {
    id: 'placements',
    group: 'emergency',
    title: 'Inserimenti in alloggi temporanei',
    description: 'Inserimenti per anno di inizio, Comune dell’alloggio e tipo di permanenza.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'stayKind', label: 'Tipo', kind: 'text' },
      { key: 'placements', label: 'Inserimenti', kind: 'number' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'year', series: 'stayKind', value: 'placements' },
    householdsColumn: 'households',
    load: async (db, _d, f) =>
      sortRows(
        (await q.readCells(db, 'placements', f)).map((c) => ({
          year: c.year,
          comune: c.comune,
          stayKind: STAY_LABELS[c.key1] ?? c.key1,
          placements: c.n1,
          households: c.n2,
        })),
        ['year', 'comune', 'stayKind'],
      ),
  },
  {
    id: 'occupancy',
    group: 'emergency',
    title: 'Occupazione degli alloggi temporanei (oggi)',
    description: 'Posti disponibili e posti occupati oggi, per Comune e tipo di permanenza.',
    columns: [
      { key: 'comune', label: 'Comune', kind: 'text' },
      { key: 'stayKind', label: 'Tipo', kind: 'text' },
      { key: 'capacity', label: 'Posti', kind: 'number' },
      { key: 'used', label: 'Occupati', kind: 'number' },
    ],
    chart: { type: 'bar', category: 'comune', series: 'stayKind', value: 'used' },
    householdsColumn: null,
    load: async (db, d, f, today) =>
      (await q.occupancyOn(db, d, f, today)).map((r) => ({ ...r, stayKind: STAY_LABELS[r.stayKind] ?? r.stayKind })),
  },
  {
    id: 'funds',
    group: 'measures',
    title: 'Fondi: stanziato, impegnato, pagato',
    description: 'Per fondo e anno. Il filtro per Comune non si applica ai fondi, che sono d’Ambito.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'fund', label: 'Fondo', kind: 'text' },
      { key: 'budgetCents', label: 'Stanziato', kind: 'euro' },
      { key: 'committedCents', label: 'Impegnato', kind: 'euro' },
      { key: 'paidCents', label: 'Pagato', kind: 'euro' },
    ],
    chart: { type: 'bar', category: 'fund', series: null, value: 'paidCents' },
    householdsColumn: null,
    load: (db, d, f) => q.fundsByYear(db, d, f),
  },
  {
    id: 'beneficiaries',
    group: 'measures',
    title: 'Beneficiari per misura',
    description: 'Nuclei con un contributo impegnato o pagato, per misura e anno della domanda.',
    columns: [
      { key: 'year', label: 'Anno', kind: 'text' },
      { key: 'measure', label: 'Misura', kind: 'text' },
      { key: 'households', label: 'Nuclei', kind: 'number' },
      { key: 'committedCents', label: 'Impegnato', kind: 'euro' },
      { key: 'paidCents', label: 'Pagato', kind: 'euro' },
    ],
    chart: { type: 'bar', category: 'measure', series: 'year', value: 'households' },
    householdsColumn: 'households',
    load: (db, d, f) => q.beneficiariesByMeasure(db, d, f),
  },
];

export function datasetsOf(group: DashboardGroup): readonly DatasetDefinition[] {
  return DATASETS.filter((d) => d.group === group);
}

export function findDataset(id: string): DatasetDefinition | undefined {
  return DATASETS.find((d) => d.id === id);
}
