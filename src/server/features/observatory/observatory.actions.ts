// The observatory's use cases: dashboards, exports, open data, the draft annual offer plan.
import { draftOfferPlan } from '../../../core/observatory/offer-plan.js';
import { suppressSmallCells } from '../../../core/observatory/open-data.js';
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import {
  DASHBOARD_GROUPS,
  roleReadsObservatory,
  type Dashboard,
  type DashboardGroup,
  type Dataset,
  type DatasetColumn,
} from '../../../shared/observatory.js';
import type { Db } from '../../db/client.js';
import { notFound, validationFailed } from '../../http/errors.js';
import type { RequestContext } from '../../http/context.js';
import { deny, type App } from '../../http/route-kit.js';
import { writeAudit } from '../audit/audit.queries.js';
import { datasetsOf, findDataset, type DatasetDefinition } from './observatory.datasets.js';
import {
  applicationsMicrodataPage,
  listComuniOfAmbito,
  listPlanUnits,
  observatoryRefreshedAt,
  refreshObservatoryCells,
  type ObservatoryFilter,
} from './observatory.queries.js';
import { toCsv, xlsxStream, type XlsxSheet } from './observatory.export.js';

type Row = Record<string, string | number | null>;

async function requireReader(app: App, ctx: RequestContext, action: string, entityId: string | null = null) {
  if (!roleReadsObservatory(ctx.actor.role)) await deny(app, ctx, { action, entityType: 'observatory', entityId });
}

async function load(
  app: App,
  ctx: RequestContext,
  def: DatasetDefinition,
  filter: ObservatoryFilter,
): Promise<Dataset> {
  const { db, config } = app.deps;
  const { load: loader, ...meta } = def;
  const rows = await loader(db.kysely, db.dialect, filter, plainDateOf(ctx.now, config.timeZone));
  return { ...meta, rows };
}

export async function readDashboard(
  app: App,
  ctx: RequestContext,
  group: string,
  filter: ObservatoryFilter,
): Promise<Dashboard> {
  await requireReader(app, ctx, 'read_dashboard', group);
  if (!DASHBOARD_GROUPS.includes(group as DashboardGroup)) throw notFound('Il cruscotto');
  const { db } = app.deps;
  let refreshedAt = await observatoryRefreshedAt(db.kysely);
  if (refreshedAt === null) {
    // First use: build the cells now rather than show empty charts until the job runs.
    refreshedAt = ctx.now.toISOString();
    await refreshObservatoryCells(db.kysely, db.dialect, refreshedAt);
  }
  const defs = datasetsOf(group as DashboardGroup);
  const [datasets, comuni] = await Promise.all([
    Promise.all(defs.map((d) => load(app, ctx, d, filter))),
    listComuniOfAmbito(app.deps.db.kysely),
  ]);
  const notes: string[] = [];
  if (group === 'supply')
    notes.push('I tempi di attesa contano solo le assegnazioni registrate in Abitare con la loro domanda.');
  await writeAudit(app.deps.db.kysely, ctx, {
    action: 'read',
    entityType: 'observatory_dashboard',
    entityId: group,
    details: { ...filter },
  });
  return { group: group as DashboardGroup, datasets, notes, comuni, refreshedAt };
}

/** Rebuilds the pre-aggregated figures now (the scheduled job does it every 15 minutes). */
export async function refreshObservatory(app: App, ctx: RequestContext) {
  await requireReader(app, ctx, 'refresh');
  const { db } = app.deps;
  const at = ctx.now.toISOString();
  await refreshObservatoryCells(db.kysely, db.dialect, at);
  await writeAudit(db.kysely, ctx, { action: 'refresh', entityType: 'observatory' });
  return { refreshedAt: at };
}

/** Open data: small cells suppressed (core/observatory/open-data.ts), with a note column. */
export function openDataRows(dataset: Dataset): { columns: DatasetColumn[]; rows: Row[] } {
  const columns: DatasetColumn[] = [...dataset.columns, { key: 'note', label: 'Nota', kind: 'text' }];
  const hh = dataset.householdsColumn;
  if (!hh) return { columns, rows: dataset.rows.map((r) => ({ ...r, note: null })) };
  const textKeys = dataset.columns.filter((c) => c.kind === 'text').map((c) => c.key);
  const numberKeys = dataset.columns.filter((c) => c.kind !== 'text' && c.key !== hh).map((c) => c.key);
  const published = suppressSmallCells(
    dataset.rows.map((r) => ({
      keys: Object.fromEntries(textKeys.map((k) => [k, String(r[k] ?? '')])),
      households: Number(r[hh] ?? 0),
      values: Object.fromEntries(numberKeys.map((k) => [k, Number(r[k] ?? 0)])),
    })),
    { groupBy: textKeys.includes('year') ? ['year'] : [] },
  );
  return {
    columns,
    rows: published.map((p) => ({
      ...p.keys,
      ...p.values,
      [hh]: p.households,
      note:
        p.suppressed === 'small_cell'
          ? 'dato oscurato: meno di 5 nuclei'
          : p.suppressed === 'complementary'
            ? 'dato oscurato per non rendere ricavabile un dato inferiore a 5'
            : null,
    })),
  };
}

export async function exportDataset(
  app: App,
  ctx: RequestContext,
  id: string,
  filter: ObservatoryFilter,
  format: 'csv' | 'xlsx',
  open: boolean,
) {
  await requireReader(app, ctx, 'export', id);
  const def = findDataset(id);
  if (!def) throw notFound('La tabella');
  const dataset = await load(app, ctx, def, filter);
  const table = open ? openDataRows(dataset) : { columns: dataset.columns, rows: dataset.rows };
  await writeAudit(app.deps.db.kysely, ctx, {
    action: 'export',
    entityType: open ? 'observatory_open_data' : 'observatory_dataset',
    entityId: id,
    details: { ...filter, format },
  });
  const name = `${open ? 'opendata-' : ''}${id}${filter.year ? `-${filter.year}` : ''}`;
  if (format === 'csv')
    return { name: `${name}.csv`, type: 'text/csv; charset=utf-8', body: toCsv(table.columns, table.rows) };
  return {
    name: `${name}.xlsx`,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: xlsxStream([{ name: dataset.title, columns: table.columns, batches: [table.rows] }], {
      title: dataset.title,
    }),
  };
}

const MICRODATA_COLUMNS: DatasetColumn[] = [
  { key: 'call', label: 'Avviso', kind: 'text' },
  { key: 'comune', label: 'Comune di residenza', kind: 'text' },
  { key: 'year', label: 'Anno', kind: 'text' },
  { key: 'members', label: 'Componenti', kind: 'number' },
  { key: 'iseeBand', label: 'Fascia ISEE', kind: 'text' },
  { key: 'isbar', label: 'ISBAR', kind: 'number' },
  { key: 'indigent', label: 'Indigente', kind: 'text' },
];

/** ISEE in bands of 3,000 € (no exact value leaves the agency). */
function iseeBand(cents: number): string {
  const band = Math.min(Math.floor(cents / 300_000), 6);
  return band === 6
    ? 'oltre 18.000 €'
    : `${(band * 3).toLocaleString('it-IT')}–${((band + 1) * 3).toLocaleString('it-IT')}.000 €`;
}

/** Every application as one row without names, fiscal codes or exact ISEE: streamed, page by page. */
export async function exportApplicationsMicrodata(app: App, ctx: RequestContext, filter: ObservatoryFilter) {
  await requireReader(app, ctx, 'export', 'applications-microdata');
  const { db } = app.deps;
  await writeAudit(db.kysely, ctx, { action: 'export', entityType: 'observatory_microdata', details: { ...filter } });
  return applicationsMicrodataXlsx(db, filter);
}

/** The XLSX stream itself (the benchmark measures it with a row limit). */
export function applicationsMicrodataXlsx(db: Db, filter: ObservatoryFilter, limit = Number.POSITIVE_INFINITY) {
  async function* batches() {
    let after = '';
    let left = limit;
    while (left > 0) {
      const page = await applicationsMicrodataPage(db.kysely, db.dialect, filter, after, Math.min(5000, left));
      if (page.length === 0) return;
      left -= page.length;
      after = page[page.length - 1]!.id;
      yield page.map((r) => ({
        call: r.call_code,
        comune: r.comune,
        year: r.year,
        members: Number(r.members_count),
        iseeBand: iseeBand(Number(r.isee_cents)),
        isbar: Number(r.isbar_milli) / 1000,
        indigent: Number(r.indigent) === 1 ? 'sì' : 'no',
      }));
    }
  }
  return xlsxStream([{ name: 'Domande', columns: MICRODATA_COLUMNS, batches: batches() }], { title: 'Domande SAP' });
}

const PLAN_ROW_COLUMNS: DatasetColumn[] = [
  { key: 'ownerName', label: 'Ente proprietario', kind: 'text' },
  { key: 'comune', label: 'Comune', kind: 'text' },
  { key: 'available', label: 'Disponibili (turn-over)', kind: 'number' },
  { key: 'worksNeeded', label: 'Disponibili dopo lavori', kind: 'number' },
  { key: 'total', label: 'Totale', kind: 'number' },
];
const QUOTA_COLUMNS: DatasetColumn[] = [
  { key: 'quota', label: 'Quota', kind: 'text' },
  { key: 'scope', label: 'Ambito di calcolo', kind: 'text' },
  { key: 'units', label: 'Alloggi', kind: 'number' },
  { key: 'percent', label: 'Percentuale', kind: 'number' },
  { key: 'count', label: 'Alloggi riservati', kind: 'number' },
  { key: 'text', label: 'Come si calcola', kind: 'text' },
  { key: 'source', label: 'Fonte', kind: 'text' },
];

/**
 * The draft annual offer plan as an XLSX the office edits: units expected per owner and Comune,
 * the quotas of RR 4/2017 (indigent, reserves) and the SAT share (LR 16/2016 art. 23 c.13).
 */
export async function offerPlanDraft(
  app: App,
  ctx: RequestContext,
  input: { year: number; reservePercent: number; satPercent: number; comuneId?: string | undefined },
) {
  await requireReader(app, ctx, 'export', 'offer-plan');
  const units = await listPlanUnits(app.deps.db.kysely, { comuneId: input.comuneId });
  const plan = draftOfferPlan(
    units.map((u) => ({
      id: u.id,
      ownerId: u.owner_name,
      ownerName: u.owner_name,
      ownerKind: u.owner_kind === 'aler' ? 'aler' : 'comune',
      comune: u.comune,
      reason: u.state === 'available' ? 'available' : 'works_needed',
    })),
    input,
  );
  if (!plan.ok) {
    throw validationFailed(
      plan.errors.map((e) => ({
        path: e.code === 'SAT_ABOVE_CAP' ? 'satPercent' : 'reservePercent',
        code: e.code,
        message: `${e.text} (${e.source})`,
      })),
    );
  }
  await writeAudit(app.deps.db.kysely, ctx, { action: 'export', entityType: 'offer_plan', details: { ...input } });
  const quotaRows = (label: string, figures: typeof plan.quotas.indigent) =>
    figures.map((f) => ({
      quota: label,
      scope: [f.scope.ownerId, f.scope.comune].filter(Boolean).join(' – '),
      units: f.unitsAvailable,
      percent: f.percent,
      count: f.count,
      text: f.text,
      source: f.source,
    }));
  const sheets: XlsxSheet[] = [
    { name: 'Alloggi attesi', columns: PLAN_ROW_COLUMNS, batches: [plan.rows.map((r) => ({ ...r }))] },
    {
      name: 'Quote',
      columns: QUOTA_COLUMNS,
      batches: [
        [
          ...quotaRows('Indigenti (R.R. 4/2017 art. 13)', plan.quotas.indigent),
          ...quotaRows('Riserva categorie art. 14', plan.quotas.reserve),
          ...quotaRows('Servizi abitativi transitori (SAT)', plan.quotas.sat),
        ],
      ],
    },
    {
      name: 'Parametri',
      columns: [
        { key: 'item', label: 'Voce', kind: 'text' },
        { key: 'value', label: 'Valore', kind: 'text' },
      ],
      batches: [
        [
          { item: 'Anno del piano', value: String(plan.year) },
          { item: 'Riserva per le categorie (art. 14), % per ente', value: String(input.reservePercent) },
          { item: 'Quota SAT, %', value: String(input.satPercent) },
          { item: 'Alloggi SAT risultanti', value: String(plan.satUnits) },
          { item: 'Versione dei parametri di legge', value: plan.quotas.parametersVersion },
          {
            item: 'Bozza',
            value:
              'Bozza generata da Abitare sugli alloggi oggi disponibili o in attesa di lavori: da completare con le nuove realizzazioni e le comunicazioni degli enti (L.R. 16/2016 art. 6 c.2; R.R. 4/2017 art. 4 c.3). Le percentuali di riserva e polizia sono [U] da verificare sul testo vigente.',
          },
        ],
      ],
    },
  ];
  return {
    name: `piano-annuale-offerta-${plan.year}.xlsx`,
    body: xlsxStream(sheets, { title: `Piano annuale ${plan.year}` }),
  };
}
