// Use cases of SAP applications: the platform import, the front-desk entry, the list, the page and
// the requirement review. An application is personal data of its household: every read and write
// leaves an audit row with the household's id, and every application appears on its timeline.
import type { Cents } from '../../../core/kernel/money.js';
import { plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { normalizeForSearch } from '../../../core/kernel/text.js';
import { checkAdequacy } from '../../../core/sap/adequacy.js';
import { applicationRecordedEvent, applicationReviewedEvent } from '../../../core/sap/calls.js';
import { checkIndigence, findQuotaParameters, QUOTA_PARAMETERS_RR_4_2017 } from '../../../core/sap/quotas.js';
import {
  checkRequirements,
  findRequirementParameters,
  REQUIREMENT_PARAMETERS_RR_4_2017,
  requirementsVerdict,
  type Citizenship,
  type ResidenceStatus,
} from '../../../core/sap/requirements.js';
import {
  APPLICATION_COLUMNS,
  APPLICATION_MEMBER_COLUMNS,
  COLUMN_FIELD,
  REQUIREMENT_LABELS,
  type ApplicationDetail,
  type ApplicationEntry,
  type ApplicationState,
  type ApplicationSummary,
  type ImportReport,
  type RequirementCheckView,
  type ReviewInput,
} from '../../../shared/applications.js';
import type { ErrorIssue } from '../../../shared/errors.js';
import { readItalianCsv, type CsvReadResult } from '../../csv/italian-csv.js';
import type { DbExecutor } from '../../db/client.js';
import type {
  ApplicationMembersTable,
  ApplicationsTable,
  HouseholdsTable,
  MembersTable,
  TimelineEventsTable,
} from '../../db/schema.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { adequacyTableFor } from '../calls/calls.actions.js';
import { insertTimelineEvent } from '../households/households.queries.js';
import {
  applicationScope,
  canEnterApplication,
  canImportApplications,
  canListApplications,
  canReadApplication,
  canReviewApplication,
} from './applications.access.js';
import {
  findApplication,
  findApplicationByPlatformId,
  findApplicationOfApplicant,
  findCallFacts,
  findFileImport,
  findHoldersOf,
  findHouseholdBrief,
  findUnitsByCodes,
  insertApplicationMembers,
  insertApplications,
  insertFileImport,
  insertHouseholds,
  insertMembers,
  insertReview,
  insertTimelineEvents,
  listApplicationMembers,
  listApplicationMembersOf,
  listCallApplications,
  listChoiceUnits,
  listComuni,
  listReviews,
  reserveSequenceBlock,
  searchApplications,
  unitCodesOf,
  type ApplicationFilter,
} from './applications.queries.js';
import {
  checkAgainstCall,
  checkMembersOf,
  comuneKey,
  differences,
  draftFromEntry,
  parseApplicationRow,
  parseMemberRow,
  TIME_ZONE,
  type ApplicationDraft,
  type CheckContext,
  type DraftMember,
  type Problem,
  type StoredApplication,
  type UnitFact,
} from './applications.validation.js';

/** Address of a household file opened by the import: the platform's export has none. */
export const ADDRESS_TO_COMPLETE = 'Da completare';

function today(ctx: RequestContext): PlainDate {
  return plainDateOf(ctx.now, TIME_ZONE);
}

/** Refusals are audited outside the use case's transaction, so that they survive its rollback. */
async function refuse(
  root: DbExecutor,
  ctx: RequestContext,
  entry: { action: string; entityType: string; entityId?: string | null; householdId?: string | null },
): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

type CallFactsRow = NonNullable<Awaited<ReturnType<typeof findCallFacts>>>;

interface Comuni {
  readonly byKey: ReadonlyMap<string, { id: string; name: string }>;
  readonly leadId: string;
}

async function loadCheckContext(
  db: DbExecutor,
  call: CallFactsRow,
  unitCodes: readonly string[],
): Promise<{ check: CheckContext; comuni: Comuni }> {
  const [comuneRows, units] = await Promise.all([
    listComuni(db, call.ambito_id),
    findUnitsByCodes(db, call.id, [...new Set(unitCodes)]),
  ]);
  const byKey = new Map(comuneRows.map((c) => [comuneKey(c.name), { id: c.id, name: c.name }]));
  const lead = comuneRows.find((c) => c.is_lead === 1) ?? comuneRows[0];
  if (!lead) throw new AppError(409, 'CONFLICT', 'L’Ambito non ha Comuni configurati.');
  const unitsByCode = new Map<string, UnitFact>(
    units.map((u) => [
      u.code,
      {
        id: u.id,
        code: u.code,
        floorAreaDm2: u.floor_area_dm2,
        accessible: u.accessible === 1,
        inCall: u.offered_by !== null,
      },
    ]),
  );
  const opensOn = call.opens_on as PlainDate;
  return {
    check: {
      call: { id: call.id, code: call.code, opensOn, closesOn: call.closes_on as PlainDate },
      table: adequacyTableFor(call.opens_on),
      quotaParams: findQuotaParameters(opensOn) ?? QUOTA_PARAMETERS_RR_4_2017,
      unitsByCode,
      comuneName: (name) => byKey.get(comuneKey(name))?.name ?? name.trim(),
    },
    comuni: { byKey, leadId: lead.id },
  };
}

function storedOf(r: ApplicationsTable): StoredApplication {
  return {
    id: r.id,
    platformId: r.platform_id,
    protocol: r.protocol,
    submittedAt: new Date(r.submitted_at).toISOString(),
    fiscalCode: r.applicant_fiscal_code,
    lastName: r.applicant_last_name,
    firstName: r.applicant_first_name,
    residenceComuneName: r.residence_comune_name,
    workComuneName: r.work_comune_name,
    membersCount: r.members_count,
    iseeCents: Number(r.isee_cents),
    isbarMilli: r.isbar_milli,
    indigent: r.indigent === 1,
    reserveCategories: r.reserve_categories,
    invalidityPercent: r.max_invalidity_percent,
    choice1UnitId: r.choice_1_unit_id,
    choice2UnitId: r.choice_2_unit_id,
  };
}

function membersKey(
  members: readonly {
    fiscalCode: string;
    relation: string | null;
    birthDate: string | null;
    invalidityPercent: number | null;
  }[],
): string {
  return members
    .map((m) => [m.fiscalCode, m.relation ?? '', m.birthDate ?? '', m.invalidityPercent ?? ''].join('|'))
    .sort()
    .join(';');
}

interface HolderRow {
  readonly fiscal_code: string;
  readonly relation: string;
  readonly household_id: string;
  readonly household_code: string;
  readonly comune_id: string;
  readonly updated_at: string;
}

/**
 * The household an applicant belongs to, among those holding their fiscal code: the one where they
 * are the applicant; if none (or several), the most recently updated of those; ties by file code.
 */
export function chooseHousehold(rows: readonly HolderRow[]): HolderRow | undefined {
  if (rows.length === 0) return undefined;
  const asApplicant = rows.filter((r) => r.relation === 'applicant');
  const pool = asApplicant.length > 0 ? asApplicant : rows;
  return [...pool].sort((a, b) =>
    a.updated_at !== b.updated_at
      ? a.updated_at < b.updated_at
        ? 1
        : -1
      : a.household_code < b.household_code
        ? -1
        : 1,
  )[0];
}

function csvProblem(file: Problem['file'], result: CsvReadResult & { ok: false }): Problem {
  const length = /Invalid Record Length: expect (\d+), got (\d+)/.exec(result.message);
  if (length) {
    const [, expected, got] = length;
    const extra =
      Number(got) > Number(expected)
        ? file === 'applications'
          ? ' Una cella in più dopo alloggio_2 (per esempio un terzo alloggio scelto) non è ammessa: al massimo due alloggi (R.R. 4/2017 art. 9 c.3).'
          : ' Le celle in più non sono ammesse.'
        : '';
    return {
      file,
      line: result.line ?? 1,
      column: null,
      value: null,
      message: `La riga ha ${got} celle invece delle ${expected} dell’intestazione.${extra} La lettura del file si è fermata a questa riga.`,
    };
  }
  return { file, line: result.line ?? 1, column: null, value: null, message: result.message };
}

export interface ImportFile {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface ImportOptions {
  readonly dryRun: boolean;
  /** Progress of the writes, for the command line's bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

type Planned = { readonly kind: 'matched'; readonly id: string; readonly code: string } | { readonly kind: 'create' };

interface Prepared {
  readonly problems: Problem[];
  readonly fresh: { draft: ApplicationDraft; household: Planned }[];
  readonly unchanged: Set<string>;
  readonly check: CheckContext;
  readonly comuni: Comuni;
}

/**
 * Checks the rows against the call and what it already holds, and plans each new application's
 * household. Runs inside the import's transaction, so that what it read is what gets written.
 */
async function prepare(db: DbExecutor, call: CallFactsRow, drafts: readonly ApplicationDraft[]): Promise<Prepared> {
  const problems: Problem[] = [];
  const existing = await listCallApplications(db, call.id);
  const byPlatform = new Map(existing.map((e) => [e.platform_id, e]));
  const byApplicant = new Map(existing.map((e) => [e.applicant_fiscal_code, e]));
  const codes = drafts.flatMap((d) => [d.choice1, d.choice2]).filter((c): c is string => c !== null);
  const { check, comuni } = await loadCheckContext(db, call, codes);
  const again = drafts.filter((d) => byPlatform.has(d.platformId) && d.members !== null);
  const storedMembers = new Map<string, ApplicationMembersTable[]>();
  for (const m of await listApplicationMembersOf(
    db,
    again.map((d) => byPlatform.get(d.platformId)?.id ?? ''),
  )) {
    storedMembers.set(m.application_id, [...(storedMembers.get(m.application_id) ?? []), m]);
  }
  const fresh: ApplicationDraft[] = [];
  const unchanged = new Set<string>();
  for (const draft of drafts) {
    const stored = byPlatform.get(draft.platformId);
    if (stored) {
      const diff = differences(draft, storedOf(stored), check);
      if (
        draft.members !== null &&
        membersKey(draft.members) !==
          membersKey(
            (storedMembers.get(stored.id) ?? []).map((m) => ({
              fiscalCode: m.fiscal_code,
              relation: m.relation,
              birthDate: m.birth_date,
              invalidityPercent: m.invalidity_percent,
            })),
          )
      ) {
        problems.push({
          file: 'members',
          line: draft.members[0]?.line ?? 1,
          column: 'id_domanda',
          value: draft.platformId,
          message: `I componenti della domanda ${draft.platformId} sono diversi da quelli già importati in questo avviso: una domanda importata non si modifica reimportandola.`,
        });
      }
      if (diff.length > 0) {
        problems.push({
          file: 'applications',
          line: draft.line,
          column: diff[0] ?? null,
          value: draft.platformId,
          message: `La domanda ${draft.platformId} è già stata importata in questo avviso con dati diversi (${diff.join(', ')}): una domanda importata non si modifica reimportandola.`,
        });
      } else unchanged.add(draft.platformId);
      continue;
    }
    const other = byApplicant.get(draft.fiscalCode);
    if (other) {
      problems.push({
        file: 'applications',
        line: draft.line,
        column: 'codice_fiscale',
        value: draft.fiscalCode,
        message: `Il richiedente ha già la domanda ${other.platform_id} in questo avviso: una sola domanda per nucleo.`,
      });
      continue;
    }
    problems.push(...checkAgainstCall(draft, check));
    fresh.push(draft);
  }
  const holders = new Map<string, HolderRow[]>();
  for (const h of await findHoldersOf(
    db,
    fresh.map((d) => d.fiscalCode),
  )) {
    holders.set(h.fiscal_code, [...(holders.get(h.fiscal_code) ?? []), h]);
  }
  return {
    problems,
    fresh: fresh.map((draft) => {
      const found = chooseHousehold(holders.get(draft.fiscalCode) ?? []);
      return {
        draft,
        household: found ? { kind: 'matched', id: found.household_id, code: found.household_code } : { kind: 'create' },
      };
    }),
    unchanged,
    check,
    comuni,
  };
}

interface NewRows {
  households: HouseholdsTable[];
  members: MembersTable[];
  applications: ApplicationsTable[];
  applicationMembers: ApplicationMembersTable[];
  timeline: TimelineEventsTable[];
  created: { applicationId: string; householdId: string; householdCreated: boolean; draft: ApplicationDraft }[];
}

/** The rows to insert for the new applications and the household files they open. */
function buildRows(
  prepared: Prepared,
  ctx: RequestContext,
  call: CallFactsRow,
  opts: { importId: string | null; source: 'platform_import' | 'front_desk'; firstSeq: number; year: string },
): NewRows {
  const at = ctx.now.toISOString();
  const userId = ctx.actor.userId;
  const out: NewRows = {
    households: [],
    members: [],
    applications: [],
    applicationMembers: [],
    timeline: [],
    created: [],
  };
  let seq = opts.firstSeq;
  for (const { draft, household } of prepared.fresh) {
    const applicationId = newId();
    const residence = prepared.comuni.byKey.get(comuneKey(draft.residenceComune));
    const work = draft.workComune === null ? undefined : prepared.comuni.byKey.get(comuneKey(draft.workComune));
    let householdId: string;
    if (household.kind === 'matched') householdId = household.id;
    else {
      householdId = newId();
      const code = `NF-${opts.year}-${String(seq).padStart(5, '0')}`;
      seq += 1;
      const people: DraftMember[] = draft.members
        ? [...draft.members].sort((a, b) => (a.relation === 'applicant' ? -1 : b.relation === 'applicant' ? 1 : 0))
        : [
            {
              line: draft.line,
              fiscalCode: draft.fiscalCode,
              lastName: draft.lastName,
              firstName: draft.firstName,
              birthDate: draft.applicantBirthDate,
              sex: draft.applicantSex,
              relation: 'applicant',
              invalidityPercent: draft.invalidityPercent,
            },
          ];
      const city = prepared.check.comuneName(draft.residenceComune);
      out.households.push({
        id: householdId,
        code,
        // A residence outside the Ambito: the file is kept by the lead Comune.
        comune_id: residence?.id ?? prepared.comuni.leadId,
        address_street: ADDRESS_TO_COMPLETE,
        address_number: null,
        address_postcode: null,
        address_city: city,
        phone: null,
        email: null,
        pec: null,
        lone_parent: 0,
        search_text: normalizeForSearch(
          [code, ADDRESS_TO_COMPLETE, city, ...people.flatMap((p) => [p.lastName, p.firstName, p.fiscalCode])].join(
            ' ',
          ),
        ),
        version: 1,
        created_at: at,
        updated_at: at,
        created_by: userId,
      });
      people.forEach((p, i) => {
        out.members.push({
          id: newId(),
          household_id: householdId,
          position: i + 1,
          fiscal_code: p.fiscalCode,
          first_name: p.firstName,
          last_name: p.lastName,
          last_name_norm: normalizeForSearch(p.lastName),
          birth_date: p.birthDate,
          sex: p.sex,
          relation: p.relation,
          // The platform's export carries no citizenship: unknown until an operator completes the file.
          citizenship: null,
          permit_kind: null,
          permit_expires_on: null,
          disability_percent: p.invalidityPercent,
          disability_kind: null,
          created_at: at,
        });
      });
      out.timeline.push({
        id: newId(),
        household_id: householdId,
        at,
        kind: 'household_created',
        title: `Fascicolo aperto dalla domanda ${draft.platformId} all’avviso ${call.code} (${people.length} ${people.length === 1 ? 'componente' : 'componenti'})`,
        detail:
          'Indirizzo, recapiti e cittadinanza da completare: la domanda della piattaforma regionale non li riporta.',
        source_type: 'application',
        source_id: applicationId,
        actor_id: userId,
      });
    }
    const unitId = (code: string | null) => (code === null ? null : (prepared.check.unitsByCode.get(code)?.id ?? null));
    out.applications.push({
      id: applicationId,
      call_id: call.id,
      platform_id: draft.platformId,
      protocol: draft.protocol,
      submitted_at: draft.submittedAt,
      household_id: householdId,
      applicant_fiscal_code: draft.fiscalCode,
      applicant_last_name: draft.lastName,
      applicant_first_name: draft.firstName,
      residence_comune_id: residence?.id ?? null,
      residence_comune_name: prepared.check.comuneName(draft.residenceComune),
      work_comune_id: work?.id ?? null,
      work_comune_name: draft.workComune === null ? null : prepared.check.comuneName(draft.workComune),
      members_count: draft.membersCount,
      isee_cents: draft.iseeCents,
      isbar_milli: draft.isbarMilli,
      indigent: draft.indigent ? 1 : 0,
      // The platform's "indigente = S" is recorded with the social services' attestation (RR art. 13).
      indigence_attested: draft.indigent ? 1 : 0,
      reserve_categories: draft.reserveCategories.join(','),
      max_invalidity_percent: draft.invalidityPercent,
      choice_1_unit_id: unitId(draft.choice1),
      choice_2_unit_id: unitId(draft.choice2),
      source: opts.source,
      import_id: opts.importId,
      created_at: at,
      created_by: userId,
    });
    for (const m of draft.members ?? []) {
      out.applicationMembers.push({
        id: newId(),
        application_id: applicationId,
        fiscal_code: m.fiscalCode,
        last_name: m.lastName,
        first_name: m.firstName,
        birth_date: m.birthDate,
        relation: m.relation,
        invalidity_percent: m.invalidityPercent,
      });
    }
    const recorded = applicationRecordedEvent(opts.source, draft.platformId, call.code, draft.isbarMilli);
    out.timeline.push({
      id: newId(),
      household_id: householdId,
      at,
      kind: recorded.kind,
      title: recorded.title,
      detail: null,
      source_type: 'application',
      source_id: applicationId,
      actor_id: userId,
    });
    out.created.push({ applicationId, householdId, householdCreated: household.kind === 'create', draft });
  }
  return out;
}

async function writeRows(db: DbExecutor, ctx: RequestContext, rows: NewRows, onProgress?: ImportOptions['onProgress']) {
  await insertHouseholds(db, rows.households);
  await insertMembers(db, rows.members);
  await insertApplications(db, rows.applications);
  await insertApplicationMembers(db, rows.applicationMembers);
  await insertTimelineEvents(db, rows.timeline);
  const total = rows.created.length;
  for (const [i, c] of rows.created.entries()) {
    if (c.householdCreated) {
      await writeAudit(db, ctx, {
        action: 'create',
        entityType: 'household',
        entityId: c.householdId,
        householdId: c.householdId,
        details: { from: 'application', platformId: c.draft.platformId },
      });
    }
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'application',
      entityId: c.applicationId,
      householdId: c.householdId,
      details: { platformId: c.draft.platformId },
    });
    if (onProgress && ((i + 1) % 200 === 0 || i + 1 === total)) onProgress(i + 1, total);
  }
}

/**
 * Imports the regional platform's file (and, optionally, its members file) into a call: every row
 * is checked and every problem reported; nothing is written unless the whole file is valid; the
 * same file again, or rows already imported with the same content, change nothing.
 */
export async function importApplications(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  files: { readonly applications: ImportFile; readonly members?: ImportFile | null },
  options: ImportOptions,
): Promise<ImportReport> {
  if (!canImportApplications(ctx.actor)) {
    await refuse(root, ctx, { action: 'import', entityType: 'application', entityId: callId });
  }
  const call = await findCallFacts(root, callId);
  if (!call) throw notFound('L’avviso');
  const on = today(ctx);
  const appsCsv = readItalianCsv(files.applications.bytes, APPLICATION_COLUMNS);
  const membersCsv = files.members ? readItalianCsv(files.members.bytes, APPLICATION_MEMBER_COLUMNS) : null;
  const report: ImportReport = {
    ok: false,
    dryRun: options.dryRun,
    alreadyImported: false,
    imported: false,
    fileName: files.applications.name,
    sha256: appsCsv.ok ? appsCsv.table.sha256 : '',
    rows: appsCsv.ok ? appsCsv.table.rows.length : 0,
    created: 0,
    unchanged: 0,
    householdsMatched: 0,
    householdsCreated: 0,
    problems: [],
    items: [],
  };
  const finish = async (r: ImportReport): Promise<ImportReport> => {
    await writeAudit(root, ctx, {
      action: r.dryRun ? 'validate' : 'import',
      entityType: 'file_import',
      entityId: callId,
      outcome: r.ok ? 'ok' : 'failed',
      details: {
        kind: 'applications',
        file: r.fileName,
        sha256: r.sha256,
        rows: r.rows,
        created: r.created,
        unchanged: r.unchanged,
        problems: r.problems.length,
        alreadyImported: r.alreadyImported,
      },
    });
    return r;
  };
  if (!appsCsv.ok || (membersCsv !== null && !membersCsv.ok)) {
    const problems: Problem[] = [];
    if (!appsCsv.ok) problems.push(csvProblem('applications', appsCsv));
    if (membersCsv !== null && !membersCsv.ok) problems.push(csvProblem('members', membersCsv));
    return finish({ ...report, problems });
  }
  const appsTable = appsCsv.table;
  const membersTable = membersCsv?.ok ? membersCsv.table : null;
  if (appsTable.rows.length === 0) {
    return finish({
      ...report,
      problems: [
        {
          file: 'applications',
          line: 1,
          column: null,
          value: null,
          message: 'Il file non contiene domande: c’è solo la riga di intestazione.',
        },
      ],
    });
  }

  const appsDone = await findFileImport(root, 'applications', callId, appsTable.sha256);
  const membersDone = membersTable
    ? await findFileImport(root, 'application_members', callId, membersTable.sha256)
    : undefined;
  if (appsDone && (membersTable === null || membersDone)) {
    return finish({
      ...report,
      ok: true,
      alreadyImported: true,
      unchanged: appsTable.rows.length,
      items: appsTable.rows.map((r) => ({
        line: r.line,
        platformId: r.cells.id_domanda ?? '',
        outcome: 'unchanged' as const,
        household: null,
        householdCode: null,
      })),
    });
  }

  const problems: Problem[] = [];
  const drafts: ApplicationDraft[] = [];
  const lineOfId = new Map<string, number>();
  const byApplicant = new Map<string, ApplicationDraft>();
  for (const row of appsTable.rows) {
    const parsed = parseApplicationRow(row, on);
    problems.push(...parsed.problems);
    const platformId = row.cells.id_domanda ?? '';
    const firstLine = lineOfId.get(platformId);
    if (platformId !== '' && firstLine !== undefined) {
      problems.push({
        file: 'applications',
        line: row.line,
        column: 'id_domanda',
        value: platformId,
        message: `Numero di domanda ripetuto: è già alla riga ${firstLine} del file.`,
      });
      continue;
    }
    if (platformId !== '') lineOfId.set(platformId, row.line);
    const draft = parsed.draft;
    if (!draft) continue;
    const sameApplicant = byApplicant.get(draft.fiscalCode);
    if (sameApplicant) {
      problems.push({
        file: 'applications',
        line: row.line,
        column: 'codice_fiscale',
        value: draft.fiscalCode,
        message: `Il richiedente ha già la domanda ${sameApplicant.platformId} alla riga ${sameApplicant.line}: una sola domanda per nucleo e per avviso.`,
      });
      continue;
    }
    byApplicant.set(draft.fiscalCode, draft);
    drafts.push(draft);
  }
  if (membersTable) {
    const byId = new Map<string, DraftMember[]>();
    const broken = new Set<string>();
    for (const row of membersTable.rows) {
      const parsed = parseMemberRow(row, on);
      problems.push(...parsed.problems);
      if (parsed.platformId !== '' && !lineOfId.has(parsed.platformId)) {
        problems.push({
          file: 'members',
          line: row.line,
          column: 'id_domanda',
          value: parsed.platformId,
          message: `La domanda ${parsed.platformId} non è nel file delle domande.`,
        });
      } else if (parsed.member) {
        byId.set(parsed.platformId, [...(byId.get(parsed.platformId) ?? []), parsed.member]);
      } else broken.add(parsed.platformId);
    }
    for (const draft of drafts) {
      // A member row with its own problem is already reported: counting the others would add noise.
      if (broken.has(draft.platformId)) continue;
      const members = byId.get(draft.platformId) ?? [];
      problems.push(...checkMembersOf(draft, members));
      draft.members = members;
    }
  }

  const summarize = (prepared: Prepared | null, codes?: ReadonlyMap<string, string>): ImportReport => {
    const all = [...problems, ...(prepared?.problems ?? [])].sort(
      (a, b) => (a.file === b.file ? 0 : a.file === 'applications' ? -1 : 1) || a.line - b.line,
    );
    const ok = all.length === 0;
    const fresh = new Map(prepared?.fresh.map((f) => [f.draft.platformId, f]) ?? []);
    return {
      ...report,
      ok,
      problems: all,
      created: ok ? fresh.size : 0,
      unchanged: ok ? (prepared?.unchanged.size ?? 0) : 0,
      householdsMatched: ok ? [...fresh.values()].filter((f) => f.household.kind === 'matched').length : 0,
      householdsCreated: ok ? [...fresh.values()].filter((f) => f.household.kind === 'create').length : 0,
      items: ok
        ? drafts.map((d) => {
            const f = fresh.get(d.platformId);
            return {
              line: d.line,
              platformId: d.platformId,
              outcome: f ? ('created' as const) : ('unchanged' as const),
              household: f ? (f.household.kind === 'matched' ? ('matched' as const) : ('created' as const)) : null,
              householdCode: f
                ? f.household.kind === 'matched'
                  ? f.household.code
                  : (codes?.get(d.platformId) ?? null)
                : null,
            };
          })
        : [],
    };
  };

  if (options.dryRun || problems.length > 0) {
    const prepared = await prepare(root, call, drafts);
    return finish(summarize(prepared));
  }

  const result = await root.transaction().execute(async (db) => {
    const prepared = await prepare(db, call, drafts);
    if (prepared.problems.length > 0) return summarize(prepared);
    const at = ctx.now.toISOString();
    let importId = appsDone?.id ?? null;
    const summary = { rows: appsTable.rows.length, created: prepared.fresh.length, unchanged: prepared.unchanged.size };
    if (!appsDone) {
      importId = newId();
      await insertFileImport(db, {
        id: importId,
        kind: 'applications',
        callId,
        sha256: appsTable.sha256,
        fileName: files.applications.name,
        rows: appsTable.rows.length,
        summary,
        at,
        by: ctx.actor.userId,
      });
    }
    if (membersTable && files.members && !membersDone) {
      await insertFileImport(db, {
        id: newId(),
        kind: 'application_members',
        callId,
        sha256: membersTable.sha256,
        fileName: files.members.name,
        rows: membersTable.rows.length,
        summary: { applicationsFile: files.applications.name },
        at,
        by: ctx.actor.userId,
      });
    }
    const toCreate = prepared.fresh.filter((f) => f.household.kind === 'create').length;
    const year = on.slice(0, 4);
    const firstSeq = toCreate > 0 ? await reserveSequenceBlock(db, `household:${year}`, toCreate) : 0;
    const rows = buildRows(prepared, ctx, call, { importId, source: 'platform_import', firstSeq, year });
    await writeRows(db, ctx, rows, options.onProgress);
    const codes = new Map<string, string>();
    const householdCode = new Map(rows.households.map((h) => [h.id, h.code]));
    for (const c of rows.created) {
      const code = householdCode.get(c.householdId);
      if (code) codes.set(c.draft.platformId, code);
    }
    return { ...summarize(prepared, codes), imported: true };
  });
  return finish(result);
}

function issuesOf(problems: readonly Problem[]): ErrorIssue[] {
  return problems.map((p) => ({
    path: p.column && p.column in COLUMN_FIELD ? COLUMN_FIELD[p.column as keyof typeof COLUMN_FIELD] : '',
    code: 'invalid',
    message: p.message,
  }));
}

/**
 * An application entered at the front desk for an applicant who needs help: the same checks as a
 * row of the platform's file; the household chosen by id, or found by the applicant's fiscal code,
 * or opened. Returns the new application's id.
 */
export async function enterApplication(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  entry: ApplicationEntry,
): Promise<string> {
  if (!canEnterApplication(ctx.actor, null)) {
    await refuse(root, ctx, { action: 'create', entityType: 'application', entityId: callId });
  }
  const call = await findCallFacts(root, callId);
  if (!call) throw notFound('L’avviso');
  const parsed = draftFromEntry(entry, today(ctx));
  if (!parsed.draft) throw validationFailed(issuesOf(parsed.problems));
  const draft = parsed.draft;
  const { check, comuni } = await loadCheckContext(
    root,
    call,
    [draft.choice1, draft.choice2].filter((c) => c !== null),
  );
  const problems = checkAgainstCall(draft, check);
  if (problems.length > 0) throw validationFailed(issuesOf(problems));

  let household: Planned;
  let householdComuneId: string;
  if (entry.householdId) {
    const chosen = await findHouseholdBrief(root, entry.householdId);
    if (!chosen) {
      throw validationFailed([
        { path: 'householdId', code: 'unknown_household', message: 'Nucleo familiare sconosciuto.' },
      ]);
    }
    if (!chosen.members.some((m) => m.fiscal_code === draft.fiscalCode)) {
      throw validationFailed([
        {
          path: 'householdId',
          code: 'applicant_not_member',
          message: `Il richiedente (${draft.fiscalCode}) non è un componente del nucleo ${chosen.code}.`,
        },
      ]);
    }
    household = { kind: 'matched', id: chosen.id, code: chosen.code };
    householdComuneId = chosen.comune_id;
  } else {
    const found = chooseHousehold(await findHoldersOf(root, [draft.fiscalCode]));
    household = found ? { kind: 'matched', id: found.household_id, code: found.household_code } : { kind: 'create' };
    householdComuneId = found?.comune_id ?? comuni.byKey.get(comuneKey(draft.residenceComune))?.id ?? comuni.leadId;
  }
  if (!canEnterApplication(ctx.actor, householdComuneId)) {
    await refuse(root, ctx, {
      action: 'create',
      entityType: 'application',
      entityId: callId,
      householdId: household.kind === 'matched' ? household.id : null,
    });
  }
  return root.transaction().execute(async (db) => {
    const sameId = await findApplicationByPlatformId(db, callId, draft.platformId);
    if (sameId) {
      throw new AppError(409, 'CONFLICT', `La domanda ${draft.platformId} è già registrata in questo avviso.`, [
        { path: 'platformId', code: 'duplicate', message: 'Numero di domanda già registrato in questo avviso.' },
      ]);
    }
    const sameApplicant = await findApplicationOfApplicant(db, callId, draft.fiscalCode);
    if (sameApplicant) {
      throw new AppError(
        409,
        'CONFLICT',
        `Il richiedente ha già la domanda ${sameApplicant.platform_id} in questo avviso: una sola domanda per nucleo.`,
        [
          {
            path: 'fiscalCode',
            code: 'duplicate_applicant',
            message: 'Il richiedente ha già una domanda in questo avviso.',
          },
        ],
      );
    }
    const on = today(ctx);
    const year = on.slice(0, 4);
    const firstSeq = household.kind === 'create' ? await reserveSequenceBlock(db, `household:${year}`, 1) : 0;
    const rows = buildRows(
      { problems: [], fresh: [{ draft, household }], unchanged: new Set(), check, comuni },
      ctx,
      call,
      { importId: null, source: 'front_desk', firstSeq, year },
    );
    await writeRows(db, ctx, rows);
    const created = rows.created[0];
    if (!created) throw new Error('front-desk entry produced no application');
    return created.applicationId;
  });
}

export async function listApplications(
  root: DbExecutor,
  ctx: RequestContext,
  callId: string,
  filter: Omit<ApplicationFilter, 'callId' | 'householdComuneIds'>,
): Promise<{ items: ApplicationSummary[]; total: number; counts: Record<ApplicationState, number> }> {
  if (!canListApplications(ctx.actor)) {
    await refuse(root, ctx, { action: 'search', entityType: 'application', entityId: callId });
  }
  const call = await findCallFacts(root, callId);
  if (!call) throw notFound('L’avviso');
  const result = await searchApplications(root, { ...filter, callId, householdComuneIds: applicationScope(ctx.actor) });
  const items = await summariesOf(root, result.rows);
  // A list shows names and fiscal codes: a read of personal data, recorded with what it returned.
  await writeAudit(root, ctx, {
    action: 'search',
    entityType: 'application',
    entityId: callId,
    details: {
      state: filter.state ?? null,
      q: filter.q ?? null,
      householdId: filter.householdId ?? null,
      returned: items.map((i) => i.id),
    },
  });
  return { items, total: result.total, counts: result.counts };
}

/**
 * The applications of one household file across calls (the household page lists them), with the
 * same access rules as the list of a call: SAP readers, within their Comuni.
 */
export async function listHouseholdApplications(
  root: DbExecutor,
  ctx: RequestContext,
  filter: Omit<ApplicationFilter, 'callId' | 'householdComuneIds'> & { readonly householdId: string },
): Promise<{ items: ApplicationSummary[]; total: number; counts: Record<ApplicationState, number> }> {
  if (!canListApplications(ctx.actor)) {
    await refuse(root, ctx, {
      action: 'search',
      entityType: 'application',
      entityId: filter.householdId,
      householdId: filter.householdId,
    });
  }
  const result = await searchApplications(root, { ...filter, householdComuneIds: applicationScope(ctx.actor) });
  const items = await summariesOf(root, result.rows);
  await writeAudit(root, ctx, {
    action: 'search',
    entityType: 'application',
    entityId: filter.householdId,
    householdId: filter.householdId,
    details: { state: filter.state ?? null, returned: items.map((i) => i.id) },
  });
  return { items, total: result.total, counts: result.counts };
}

async function summariesOf(
  root: DbExecutor,
  rows: Awaited<ReturnType<typeof searchApplications>>['rows'],
): Promise<ApplicationSummary[]> {
  const codes = await unitCodesOf(
    root,
    [...new Set(rows.flatMap((r) => [r.choice_1_unit_id, r.choice_2_unit_id]))].filter((u): u is string => u !== null),
  );
  const items: ApplicationSummary[] = rows.map((r) => ({
    id: r.id,
    platformId: r.platform_id,
    protocol: r.protocol,
    submittedAt: new Date(r.submitted_at).toISOString(),
    applicantName: `${r.applicant_last_name} ${r.applicant_first_name}`,
    fiscalCode: r.applicant_fiscal_code,
    residenceComuneName: r.residence_comune_name,
    membersCount: r.members_count,
    isbar: r.isbar_milli / 1000,
    iseeCents: Number(r.isee_cents),
    indigent: r.indigent === 1,
    choices: [r.choice_1_unit_id, r.choice_2_unit_id]
      .filter((u): u is string => u !== null)
      .map((u) => codes.get(u) ?? u),
    state: r.decision === 'admitted' || r.decision === 'excluded' ? r.decision : 'to_review',
    householdId: r.household_id,
    householdCode: r.household_code,
    source: r.source,
  }));
  return items;
}

type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;
type HouseholdBrief = NonNullable<Awaited<ReturnType<typeof findHouseholdBrief>>>;

/**
 * The checks of RR 4/2017 art. 7 that the application and the household file allow (rules.md
 * §2.3): ISEE from the application; citizenship and permit from the applicant in the household
 * file (unknown while a file opened by the import is not completed); the rest is not held yet and
 * is reported as missing information. Indigence (art. 13) is checked when the application claims it.
 */
export function requirementChecksOf(
  app: Pick<
    ApplicationsTable,
    'submitted_at' | 'members_count' | 'isee_cents' | 'indigent' | 'indigence_attested' | 'applicant_fiscal_code'
  >,
  household: Pick<HouseholdBrief, 'members' | 'incomplete'>,
): { checks: RequirementCheckView[]; verdict: { code: string; text: string } } {
  const asOf = plainDateOf(new Date(app.submitted_at), TIME_ZONE);
  const applicant = household.incomplete
    ? undefined
    : household.members.find((m) => m.fiscal_code === app.applicant_fiscal_code);
  const params = findRequirementParameters(asOf) ?? REQUIREMENT_PARAMETERS_RR_4_2017;
  const checks = checkRequirements(
    {
      membersCount: app.members_count,
      citizenship: (applicant?.citizenship as Citizenship | undefined) ?? null,
      residenceStatus: (applicant?.permit_kind as ResidenceStatus | null | undefined) ?? null,
      currentlyWorking: null,
      iseeCents: Number(app.isee_cents) as Cents,
      assetsCents: null,
      ownsAdequateDwelling: null,
      assignmentLoss: null,
      evictionForArrears: null,
      illegalOccupation: null,
    },
    asOf,
    params,
  );
  const verdict = requirementsVerdict(checks);
  const view = checks.map((c) => ({
    code: c.code as string,
    label: REQUIREMENT_LABELS[c.code] ?? c.code,
    outcome: c.outcome,
    evidence: c.evidence,
    source: c.source,
  }));
  if (app.indigent === 1) {
    const quotaParams = findQuotaParameters(asOf) ?? QUOTA_PARAMETERS_RR_4_2017;
    const indigence = checkIndigence(
      { iseeCents: Number(app.isee_cents) as Cents, socialServicesAttestation: app.indigence_attested === 1 },
      quotaParams,
    );
    view.push({
      code: indigence.code,
      label: REQUIREMENT_LABELS.indigence ?? indigence.code,
      outcome: indigence.outcome,
      evidence: indigence.evidence,
      source: indigence.source,
    });
  }
  return { checks: view, verdict: { code: verdict.code, text: verdict.text } };
}

async function applicationDetail(db: DbExecutor, app: ApplicationRow): Promise<ApplicationDetail> {
  const unitIds = [app.choice_1_unit_id, app.choice_2_unit_id].filter((u): u is string => u !== null);
  const [household, units, members, reviews, call] = await Promise.all([
    findHouseholdBrief(db, app.household_id),
    listChoiceUnits(db, unitIds),
    listApplicationMembers(db, app.id),
    listReviews(db, app.id),
    findCallFacts(db, app.call_id),
  ]);
  if (!household || !call) throw notFound('Il nucleo della domanda');
  const table = adequacyTableFor(call.opens_on);
  const highest = Math.max(app.max_invalidity_percent ?? -1, ...members.map((m) => m.invalidity_percent ?? -1));
  const choices = [app.choice_1_unit_id, app.choice_2_unit_id].flatMap((unitId, i) => {
    const unit = units.find((u) => u.id === unitId);
    if (!unit) return [];
    const adequacy = checkAdequacy(
      { membersCount: app.members_count, highestInvalidityPercent: highest < 0 ? null : highest },
      { usableAreaDm2: unit.floor_area_dm2, accessible: unit.accessible === 1 },
      table,
    );
    return [
      {
        position: i + 1,
        unitId: unit.id,
        code: unit.code,
        ownerName: unit.owner_name,
        comuneName: unit.comune_name,
        address: [unit.address_street, unit.address_number].filter(Boolean).join(', '),
        floorAreaDm2: unit.floor_area_dm2,
        adequate: adequacy.adequate,
        accessibilityCheck: adequacy.accessibilityCheck,
        adequacyText: adequacy.reason.text,
        adequacySource: adequacy.source,
      },
    ];
  });
  const { checks, verdict } = requirementChecksOf(app, household);
  const latest = reviews[0];
  return {
    id: app.id,
    callId: app.call_id,
    callCode: app.call_code,
    callName: app.call_name,
    platformId: app.platform_id,
    protocol: app.protocol,
    submittedAt: new Date(app.submitted_at).toISOString(),
    source: app.source,
    applicant: {
      fiscalCode: app.applicant_fiscal_code,
      lastName: app.applicant_last_name,
      firstName: app.applicant_first_name,
    },
    residenceComune: { id: app.residence_comune_id, name: app.residence_comune_name },
    workComune: app.work_comune_name === null ? null : { id: app.work_comune_id, name: app.work_comune_name },
    membersCount: app.members_count,
    iseeCents: Number(app.isee_cents),
    isbar: app.isbar_milli / 1000,
    indigent: app.indigent === 1,
    indigenceAttested: app.indigence_attested === 1,
    reserveCategories: app.reserve_categories === '' ? [] : app.reserve_categories.split(','),
    maxInvalidityPercent: app.max_invalidity_percent,
    choices,
    members: members.map((m) => ({
      fiscalCode: m.fiscal_code,
      lastName: m.last_name,
      firstName: m.first_name,
      birthDate: m.birth_date,
      relation: m.relation,
      invalidityPercent: m.invalidity_percent,
    })),
    household: {
      id: household.id,
      code: household.code,
      comuneName: household.comune_name,
      incomplete: household.incomplete,
    },
    checks,
    verdict,
    state: latest ? latest.decision : 'to_review',
    reviews: reviews.map((r, i) => ({
      id: r.id,
      decision: r.decision,
      reason: r.reason,
      decidedAt: new Date(r.decided_at).toISOString(),
      decidedByName: r.decided_by_name,
      inForce: i === 0,
    })),
    createdAt: new Date(app.created_at).toISOString(),
    createdByName: app.created_by_name ?? null,
  };
}

/** The application page. Writes the read to the audit log with the household's id. */
export async function readApplication(root: DbExecutor, ctx: RequestContext, id: string): Promise<ApplicationDetail> {
  const app = await findApplication(root, id);
  const household = app ? await findHouseholdBrief(root, app.household_id) : undefined;
  if (!app || !household) {
    if (!canListApplications(ctx.actor))
      await refuse(root, ctx, { action: 'read', entityType: 'application', entityId: id });
    throw notFound('La domanda');
  }
  if (!canReadApplication(ctx.actor, household.comune_id)) {
    await refuse(root, ctx, { action: 'read', entityType: 'application', entityId: id, householdId: app.household_id });
  }
  const detail = await applicationDetail(root, app);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'application',
    entityId: id,
    householdId: app.household_id,
  });
  return detail;
}

/**
 * The officer's decision on the requirements (istruttoria): appended, never overwritten, with the
 * checks as they stood; the latest decision is the one in force.
 */
export async function reviewApplication(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: ReviewInput,
): Promise<void> {
  const app = await findApplication(root, id);
  const household = app ? await findHouseholdBrief(root, app.household_id) : undefined;
  if (!app || !household) {
    if (!canListApplications(ctx.actor)) {
      await refuse(root, ctx, { action: 'review', entityType: 'application', entityId: id });
    }
    throw notFound('La domanda');
  }
  if (!canReviewApplication(ctx.actor, household.comune_id)) {
    await refuse(root, ctx, {
      action: 'review',
      entityType: 'application',
      entityId: id,
      householdId: app.household_id,
    });
  }
  const { checks, verdict } = requirementChecksOf(app, household);
  await root.transaction().execute(async (db) => {
    const reviewId = newId();
    const at = ctx.now.toISOString();
    await insertReview(db, {
      id: reviewId,
      applicationId: id,
      decision: input.decision,
      reason: input.reason,
      checks: JSON.stringify({ verdict, checks }),
      at,
      by: ctx.actor.userId,
    });
    const reviewed = applicationReviewedEvent(app.platform_id, app.call_code, input.decision);
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: app.household_id,
      at,
      kind: reviewed.kind,
      title: reviewed.title,
      detail: input.reason,
      actorId: ctx.actor.userId,
      sourceType: 'application_review',
      sourceId: reviewId,
    });
    await writeAudit(db, ctx, {
      action: 'review',
      entityType: 'application',
      entityId: id,
      householdId: app.household_id,
      details: { decision: input.decision, reviewId, verdict: verdict.code },
    });
  });
}
