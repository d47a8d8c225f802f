// Use cases of measures and applications to measures. Each runs in one transaction with its audit
// row; a refusal leaves the database unchanged (only the refusal's audit row is written).
import { validateIban, IBAN_ERROR_MESSAGES } from '../../../core/kernel/iban.js';
import { formatEuro } from '../../../core/kernel/money.js';
import { formatPlainDateIt, plainDateOf, type PlainDate } from '../../../core/kernel/plain-date.js';
import { householdFacts, type QuestionnaireAnswers } from '../../../core/frontdesk/questionnaire.js';
import { grantAmount, type GrantRequest } from '../../../core/measures/amount.js';
import { nextStatus, type ApplicationEvent, type ApplicationStatus } from '../../../core/measures/application-state.js';
import {
  effectiveParameters,
  evaluateMeasure,
  isMeasureKind,
  parameterProblems,
  unverifiedParameters,
  type MeasureKind,
  type RequiredDocument,
} from '../../../core/measures/catalogue.js';
import { isInForce } from '../../../core/sap/explained.js';
import type { AmountLine } from '../../../core/measures/evaluation.js';
import { agreedRentGuarantee, agreedRentIncentive } from '../../../core/measures/agreed-rent.js';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationDetail,
  type ApprovalInput,
  type Benefits,
  type Landlord,
  type LandlordInput,
  type ContractInput,
  type Measure,
  type MeasureDetail,
  type ReviewInput,
} from '../../../shared/measures.js';
import type { applicationInputSchema, parameterVersionInputSchema } from '../../../shared/measures.js';
import type { z } from 'zod';
import type { DbExecutor } from '../../db/client.js';
import { nextSequenceValue } from '../../db/sequences.js';
import { renderPdf } from '../../documents/pdf.js';
import { listDocuments, transactionWithDocuments, type DocumentStoreSettings } from '../../documents/store.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, forbidden, notFound, validationFailed } from '../../http/errors.js';
import { newId } from '../../ids.js';
import { writeAudit } from '../audit/audit.queries.js';
import { findHouseholdFacts, insertTimelineEvent } from '../households/households.queries.js';
import { commitToFund, findFundByCodeYear, insertFundEntries } from '../funds/funds.queries.js';
import { inComuneScope } from '../households/households.access.js';
import {
  applicationScope,
  canAdministerMeasures,
  canApproveApplication,
  canEnterApplication,
  canReadApplication,
  canReadMeasures,
  canRegisterAgreedRent,
  canReviewApplication,
  isSeparateFromReviewer,
} from './measures.access.js';
import {
  findApplicationRow,
  findContractRow,
  findLandlordRow,
  findMeasureRow,
  insertApplication,
  insertApplicationEvent,
  insertContract,
  insertLandlord,
  insertParameterVersion,
  listApplicationEventRows,
  listApplicationRows,
  listHouseholdPayments,
  listLandlordRows,
  listMeasureRows,
  listVersionRows,
  loadHouseholdSnapshot,
  transitionApplication,
  updateMeasureRow,
  versionExists,
  type ApplicationFilter,
} from './measures.queries.js';

const TIME_ZONE = 'Europe/Rome';
export const APPLICATION_OWNER_KIND = 'measure_application';

export function today(ctx: RequestContext): PlainDate {
  return plainDateOf(ctx.now, TIME_ZONE);
}

type AuditTarget = { action: string; entityType: string; entityId?: string | null; householdId?: string | null };

/** Refusals are audited outside the use case's transaction, so that they survive its rollback. */
export async function refuse(root: DbExecutor, ctx: RequestContext, entry: AuditTarget): Promise<never> {
  await writeAudit(root, ctx, { ...entry, outcome: 'denied' });
  throw forbidden();
}

/** Loads the household's scope facts, or 404; then applies the access rule (403 audited). */
export async function authoriseHousehold(
  root: DbExecutor,
  ctx: RequestContext,
  householdId: string,
  allowed: (h: { comuneId: string }) => boolean,
  entry: AuditTarget,
) {
  const h = await findHouseholdFacts(root, householdId, ctx.now.toISOString());
  if (!h) throw notFound('Il nucleo');
  if (!allowed(h)) await refuse(root, ctx, { ...entry, householdId });
  return h;
}

// ---- Measures as data ----------------------------------------------------------------------------

type MeasureRow = NonNullable<Awaited<ReturnType<typeof findMeasureRow>>>;
type VersionRow = Awaited<ReturnType<typeof listVersionRows>>[number];

function versionDto(kind: MeasureKind, v: VersionRow) {
  const parameters = JSON.parse(v.parameters) as Record<string, unknown>;
  return {
    id: v.id,
    version: v.version,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    parameters,
    effective: effectiveParameters(kind, parameters) as unknown as Record<string, unknown>,
    note: v.note,
    createdAt: v.created_at,
  };
}

/** The version in force on a day: the one with the latest start not after it. */
export function versionOn<T extends { valid_from: string; valid_to: string | null }>(
  versions: readonly T[],
  on: string,
) {
  return versions
    .filter((v) =>
      isInForce({ validFrom: v.valid_from as PlainDate, validTo: v.valid_to as PlainDate | null }, on as PlainDate),
    )
    .sort((a, b) => (a.valid_from < b.valid_from ? 1 : -1))[0];
}

function measureDto(m: MeasureRow, versions: readonly VersionRow[], on: PlainDate): Measure {
  const kind = m.kind as MeasureKind;
  const current = versionOn(versions, on) ?? versions[0];
  return {
    id: m.id,
    code: m.code,
    kind,
    name: m.name,
    legalBasis: m.legal_basis,
    description: m.description,
    fundCode: m.fund_code,
    payee: m.payee,
    validFrom: m.valid_from,
    validTo: m.valid_to,
    active: m.active === 1,
    requiredDocuments: JSON.parse(m.required_documents) as RequiredDocument[],
    approvalSteps: JSON.parse(m.approval_steps) as string[],
    unverifiedParameters: [...unverifiedParameters(kind)],
    currentVersion: current ? versionDto(kind, current) : null,
  };
}

export async function listMeasures(root: DbExecutor, ctx: RequestContext): Promise<Measure[]> {
  if (!canReadMeasures(ctx.actor)) await refuse(root, ctx, { action: 'list', entityType: 'measure' });
  const [measures, versions] = await Promise.all([listMeasureRows(root), listVersionRows(root)]);
  const on = today(ctx);
  return measures.map((m) =>
    measureDto(
      m,
      versions.filter((v) => v.measure_id === m.id),
      on,
    ),
  );
}

export async function readMeasure(root: DbExecutor, ctx: RequestContext, id: string): Promise<MeasureDetail> {
  if (!canReadMeasures(ctx.actor)) await refuse(root, ctx, { action: 'read', entityType: 'measure', entityId: id });
  const m = await findMeasureRow(root, id);
  if (!m) throw notFound('La misura');
  const versions = await listVersionRows(root, [id]);
  return {
    ...measureDto(m, versions, today(ctx)),
    versions: versions.map((v) => versionDto(m.kind as MeasureKind, v)),
  };
}

export async function addParameterVersion(
  root: DbExecutor,
  ctx: RequestContext,
  measureId: string,
  input: z.output<typeof parameterVersionInputSchema>,
): Promise<void> {
  if (!canAdministerMeasures(ctx.actor)) {
    await refuse(root, ctx, { action: 'add_parameters', entityType: 'measure', entityId: measureId });
  }
  await root.transaction().execute(async (db) => {
    const m = await findMeasureRow(db, measureId);
    if (!m) throw notFound('La misura');
    if (!isMeasureKind(m.kind)) throw new AppError(409, 'CONFLICT', 'Tipo di misura sconosciuto.');
    const problems = parameterProblems(m.kind, input.parameters);
    if (problems.length > 0) {
      throw validationFailed(problems.map((message) => ({ path: 'parameters', code: 'invalid_parameter', message })));
    }
    if (input.validTo && input.validTo < input.validFrom) {
      throw validationFailed([
        { path: 'validTo', code: 'before_start', message: 'La fine validità precede l’inizio.' },
      ]);
    }
    if (await versionExists(db, measureId, input.version)) {
      throw new AppError(409, 'CONFLICT', `La versione ${input.version} esiste già: le versioni non si modificano.`);
    }
    const at = ctx.now.toISOString();
    const id = newId();
    await insertParameterVersion(db, {
      id,
      measure_id: measureId,
      version: input.version,
      valid_from: input.validFrom,
      valid_to: input.validTo ?? null,
      parameters: JSON.stringify(input.parameters),
      note: input.note ?? null,
      created_at: at,
      created_by: ctx.actor.userId,
    });
    await db.updateTable('measures').set({ updated_at: at }).where('id', '=', measureId).execute();
    await writeAudit(db, ctx, {
      action: 'add_parameters',
      entityType: 'measure',
      entityId: measureId,
      details: { version: input.version, validFrom: input.validFrom, parameters: input.parameters },
    });
  });
}

export async function updateMeasure(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: { active: boolean; validTo?: PlainDate | null | undefined },
): Promise<void> {
  if (!canAdministerMeasures(ctx.actor))
    await refuse(root, ctx, { action: 'update', entityType: 'measure', entityId: id });
  await root.transaction().execute(async (db) => {
    const m = await findMeasureRow(db, id);
    if (!m) throw notFound('La misura');
    await updateMeasureRow(db, id, {
      active: input.active ? 1 : 0,
      valid_to: input.validTo ?? null,
      updated_at: ctx.now.toISOString(),
    });
    await writeAudit(db, ctx, { action: 'update', entityType: 'measure', entityId: id, details: { ...input } });
  });
}

// ---- Applications ----------------------------------------------------------------------------------

type ApplicationInputParsed = z.output<typeof applicationInputSchema>;
type FullApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplicationRow>>>;

function grantRequestOf(
  request: ApplicationInputParsed['request'],
  contract: { duration_years: number; extension_years: number } | undefined,
): GrantRequest {
  return {
    arrears: request.arrears ? { ...request.arrears, purposes: { ...request.arrears.purposes } } : null,
    contract: contract ? { durationYears: contract.duration_years, extensionYears: contract.extension_years } : null,
  };
}

function amountRefusal(code: string, text: string): AppError {
  if (code === 'AMOUNT_OVER_CAP') return new AppError(400, 'AMOUNT_OVER_CAP', text);
  return validationFailed([{ path: 'request', code: code.toLowerCase(), message: text }], text);
}

export async function createApplication(
  root: DbExecutor,
  ctx: RequestContext,
  input: ApplicationInputParsed,
): Promise<string> {
  await authoriseHousehold(root, ctx, input.householdId, (h) => canEnterApplication(ctx.actor, h), {
    action: 'create',
    entityType: 'measure_application',
  });
  const appliedOn = input.appliedOn ?? today(ctx);
  return root.transaction().execute(async (db) => {
    const m = await findMeasureRow(db, input.measureId);
    if (!m || !isMeasureKind(m.kind)) throw notFound('La misura');
    if (
      m.active !== 1 ||
      !isInForce({ validFrom: m.valid_from as PlainDate, validTo: m.valid_to as PlainDate | null }, appliedOn)
    ) {
      throw new AppError(409, 'CONFLICT', `La misura «${m.name}» non è attiva alla data della domanda.`);
    }
    const versions = await listVersionRows(db, [m.id]);
    const version = versionOn(versions, appliedOn);
    if (!version)
      throw new AppError(409, 'CONFLICT', 'Nessuna versione dei parametri è in vigore alla data della domanda.');
    const loaded = await loadHouseholdSnapshot(db, input.householdId, appliedOn);
    if (!loaded) throw notFound('Il nucleo');
    // An application needs an ISEE in force on its date (rules.md §7.2; DL 34/2019).
    if (!loaded.iseeInForce) {
      throw new AppError(
        400,
        'ISEE_EXPIRED',
        loaded.latestIsee
          ? `L’ISEE del nucleo (${loaded.latestIsee.protocol}) è scaduto il ${formatPlainDateIt(loaded.latestIsee.validUntil)}: alla data della domanda (${formatPlainDateIt(appliedOn)}) serve un ISEE in corso di validità.`
          : `Il nucleo non ha un ISEE in corso di validità alla data della domanda (${formatPlainDateIt(appliedOn)}).`,
      );
    }
    const iban = validateIban(input.iban);
    if (!iban.ok) {
      throw new AppError(400, 'IBAN_INVALID', IBAN_ERROR_MESSAGES[iban.error], [
        { path: 'iban', code: `iban_${iban.error}`, message: IBAN_ERROR_MESSAGES[iban.error] },
      ]);
    }
    let contract: Awaited<ReturnType<typeof findContractRow>>;
    if (input.contractId) {
      contract = await findContractRow(db, input.contractId);
      if (!contract) throw notFound('Il contratto');
    }
    if (input.landlordId && !(await findLandlordRow(db, input.landlordId))) throw notFound('Il proprietario');
    const params = effectiveParameters(m.kind, JSON.parse(version.parameters) as Record<string, unknown>);
    const facts = householdFacts(loaded.snapshot, input.answers as QuestionnaireAnswers, appliedOn);
    const amount = grantAmount(m.kind, params, facts, grantRequestOf(input.request, contract));
    if (!amount.ok && amount.code !== 'NOT_COMPUTABLE') throw amountRefusal(amount.code, amount.text);
    const at = ctx.now.toISOString();
    const id = newId();
    const year = appliedOn.slice(0, 4);
    const seq = await nextSequenceValue(db, `measure_application:${year}`);
    const code = `MIS-${year}-${String(seq).padStart(5, '0')}`;
    await insertApplication(db, {
      id,
      code,
      household_id: input.householdId,
      measure_id: m.id,
      parameter_version_id: version.id,
      status: 'submitted',
      applied_on: appliedOn,
      channel: input.channel,
      contact_id: input.contactId ?? null,
      applicant_fiscal_code: loaded.applicant?.fiscalCode ?? '',
      applicant_name: loaded.applicant?.name ?? '',
      payee_kind: m.payee,
      payee_name: input.payeeName,
      payee_fiscal_code: input.payeeFiscalCode,
      iban: iban.iban,
      landlord_id: input.landlordId ?? null,
      contract_id: input.contractId ?? null,
      isee_record_id: loaded.iseeInForce.id,
      facts: JSON.stringify(input.answers),
      request: JSON.stringify(input.request),
      amount_cents: amount.ok ? amount.amountCents : null,
      breakdown: amount.ok ? JSON.stringify(amount.lines) : null,
      version: 1,
      created_at: at,
      created_by: ctx.actor.userId,
      updated_at: at,
    });
    await insertApplicationEvent(db, {
      id: newId(),
      application_id: id,
      kind: 'submitted',
      outcome: null,
      reason: null,
      amount_cents: amount.ok ? amount.amountCents : null,
      at,
      by_user: ctx.actor.userId,
    });
    await insertTimelineEvent(db, {
      id: newId(),
      householdId: input.householdId,
      at,
      kind: 'measure_application_submitted',
      title: `Domanda ${code} – ${m.name}`,
      detail: amount.ok
        ? `Importo calcolato: ${formatEuro(amount.amountCents)}`
        : 'Importo da calcolare in istruttoria',
      actorId: ctx.actor.userId,
      sourceType: 'measure_application',
      sourceId: id,
    });
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'measure_application',
      entityId: id,
      householdId: input.householdId,
      details: { measure: m.code, code },
    });
    return id;
  });
}

async function loadApplicationForActor(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  allowed: (h: { comuneId: string }) => boolean,
  action: string,
): Promise<FullApplicationRow> {
  const row = await findApplicationRow(root, id);
  if (!row) throw notFound('La domanda');
  if (!allowed({ comuneId: row.household_comune_id })) {
    await refuse(root, ctx, { action, entityType: 'measure_application', entityId: id, householdId: row.household_id });
  }
  return row;
}

function reviewerOf(events: readonly { kind: string; by_user: string | null }[]): string | null {
  const reviews = events.filter((e) => e.kind === 'review_passed' || e.kind === 'review_failed');
  return reviews.at(-1)?.by_user ?? null;
}

export async function readApplication(root: DbExecutor, ctx: RequestContext, id: string): Promise<ApplicationDetail> {
  const row = await loadApplicationForActor(root, ctx, id, (h) => canReadApplication(ctx.actor, h), 'read');
  const [events, documents] = await Promise.all([
    listApplicationEventRows(root, id),
    listDocuments(root, APPLICATION_OWNER_KIND, id),
  ]);
  await writeAudit(root, ctx, {
    action: 'read',
    entityType: 'measure_application',
    entityId: id,
    householdId: row.household_id,
  });
  const kind = row.measure_kind as MeasureKind;
  const answers = JSON.parse(row.facts) as QuestionnaireAnswers;
  const loaded = await loadHouseholdSnapshot(root, row.household_id, row.applied_on as PlainDate);
  const evaluation = loaded
    ? evaluateMeasure(
        kind,
        effectiveParameters(kind, JSON.parse(row.parameters) as Record<string, unknown>),
        householdFacts(loaded.snapshot, answers, row.applied_on as PlainDate),
      )
    : null;
  const required = JSON.parse(row.measure_required_documents) as RequiredDocument[];
  const present = new Set(documents.map((d) => d.category));
  const reviewerId = reviewerOf(events);
  const status = row.status as ApplicationStatus;
  return {
    id: row.id,
    code: row.code,
    householdId: row.household_id,
    householdCode: row.household_code,
    measureId: row.measure_id,
    measureCode: row.measure_code,
    measureName: row.measure_name,
    status,
    appliedOn: row.applied_on,
    applicantName: row.applicant_name,
    applicantFiscalCode: row.applicant_fiscal_code,
    amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    paidCents: Number(row.paid_cents),
    channel: row.channel,
    payeeKind: row.payee_kind as 'tenant' | 'landlord',
    payeeName: row.payee_name,
    payeeFiscalCode: row.payee_fiscal_code,
    iban: row.iban,
    parameterVersion: row.parameter_version,
    answers: answers as ApplicationDetail['answers'],
    request: JSON.parse(row.request) as ApplicationDetail['request'],
    checks: evaluation ? [...evaluation.checks] : [],
    verdict: evaluation?.verdict ?? 'missing_information',
    breakdown: row.breakdown ? (JSON.parse(row.breakdown) as AmountLine[]) : [],
    requiredDocuments: required.map((d) => ({ ...d, present: present.has(d.code) })),
    documents: documents.map((d) => ({
      id: d.id,
      category: d.category,
      originalName: d.originalName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      storedAt: d.storedAt,
    })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      outcome: e.outcome,
      reason: e.reason,
      amountCents: e.amount_cents === null ? null : Number(e.amount_cents),
      at: e.at,
      byName: e.by_name,
      byUserId: e.by_user,
    })),
    fundId: row.fund_id,
    committedCents: Number(row.committed_cents),
    reviewerId,
    canReview:
      (status === 'submitted' || status === 'review_failed' || status === 'review_passed') &&
      canReviewApplication(ctx.actor, { comuneId: row.household_comune_id }),
    canApprove:
      status === 'review_passed' &&
      canApproveApplication(ctx.actor, { comuneId: row.household_comune_id }) &&
      isSeparateFromReviewer(ctx.actor, reviewerId),
  };
}

export async function listApplications(root: DbExecutor, ctx: RequestContext, q: Omit<ApplicationFilter, 'comuneIds'>) {
  const scope = applicationScope(ctx.actor);
  if (scope === 'none') await refuse(root, ctx, { action: 'list', entityType: 'measure_application' });
  const { rows, total } = await listApplicationRows(root, { ...q, comuneIds: scope === 'none' ? [] : scope });
  await writeAudit(root, ctx, {
    action: 'list',
    entityType: 'measure_application',
    householdId: q.householdId ?? null,
    details: { status: q.status ?? null, measureId: q.measureId ?? null, returned: rows.map((r) => r.id) },
  });
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      householdId: r.household_id,
      householdCode: r.household_code,
      measureId: r.measure_id,
      measureCode: r.measure_code,
      measureName: r.measure_name,
      status: r.status as ApplicationStatus,
      appliedOn: r.applied_on,
      applicantName: r.applicant_name,
      amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
      paidCents: Number(r.paid_cents),
    })),
  };
}

async function applyEvent(
  db: DbExecutor,
  ctx: RequestContext,
  row: FullApplicationRow,
  event: ApplicationEvent,
  extra: {
    outcome?: string | null;
    reason?: string | null;
    amountCents?: number | null;
    values?: Omit<Parameters<typeof transitionApplication>[3], 'status' | 'updated_at'>;
    timeline: { title: string; detail?: string | null };
  },
): Promise<ApplicationStatus> {
  const from = row.status as ApplicationStatus;
  const to = nextStatus(from, event);
  if (to === null) {
    throw new AppError(409, 'CONFLICT', `Operazione non ammessa su una domanda «${APPLICATION_STATUS_LABELS[from]}».`);
  }
  const at = ctx.now.toISOString();
  const moved = await transitionApplication(
    db,
    row.id,
    { status: from, version: row.version },
    {
      status: to,
      updated_at: at,
      ...(extra.values ?? {}),
    },
  );
  if (!moved)
    throw new AppError(
      409,
      'STALE_VERSION',
      'La domanda è stata modificata da un altro operatore: ricaricare la pagina.',
    );
  await insertApplicationEvent(db, {
    id: newId(),
    application_id: row.id,
    kind: event,
    outcome: extra.outcome ?? null,
    reason: extra.reason ?? null,
    amount_cents: extra.amountCents ?? null,
    at,
    by_user: ctx.actor.userId,
  });
  await insertTimelineEvent(db, {
    id: newId(),
    householdId: row.household_id,
    at,
    kind: `measure_application_${event}`,
    title: extra.timeline.title,
    detail: extra.timeline.detail ?? null,
    actorId: ctx.actor.userId,
    sourceType: 'measure_application',
    sourceId: row.id,
  });
  return to;
}

export async function uploadApplicationDocument(
  root: DbExecutor,
  ctx: RequestContext,
  store: DocumentStoreSettings,
  id: string,
  file: { bytes: Buffer; fileName: string | undefined; category: string | undefined },
) {
  const row = await loadApplicationForActor(root, ctx, id, (h) => canEnterApplication(ctx.actor, h), 'upload_document');
  const required = JSON.parse(row.measure_required_documents) as RequiredDocument[];
  if (file.category && !required.some((d) => d.code === file.category) && file.category !== 'other') {
    throw validationFailed([
      { path: 'category', code: 'unknown_category', message: 'Tipo di documento non previsto da questa misura.' },
    ]);
  }
  // The file goes too if the transaction fails after it was written.
  return transactionWithDocuments(root, store, async (db, storeDocument) => {
    const doc = await storeDocument({
      bytes: file.bytes,
      originalName: file.fileName,
      householdId: row.household_id,
      ownerKind: APPLICATION_OWNER_KIND,
      ownerId: row.id,
      category: file.category ?? 'other',
      by: ctx.actor.userId,
      now: ctx.now,
    });
    await insertApplicationEvent(db, {
      id: newId(),
      application_id: row.id,
      kind: 'document_added',
      outcome: null,
      reason: `${doc.category ?? 'other'}: ${doc.originalName}`,
      amount_cents: null,
      at: ctx.now.toISOString(),
      by_user: ctx.actor.userId,
    });
    await writeAudit(db, ctx, {
      action: 'upload_document',
      entityType: 'measure_application',
      entityId: row.id,
      householdId: row.household_id,
      details: { documentId: doc.id, category: doc.category, sha256: doc.sha256, sizeBytes: doc.sizeBytes },
    });
    return doc;
  });
}

export async function reviewApplication(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: ReviewInput,
): Promise<void> {
  const row = await loadApplicationForActor(root, ctx, id, (h) => canReviewApplication(ctx.actor, h), 'review');
  await root.transaction().execute(async (db) => {
    const fresh = await findApplicationRow(db, id);
    if (!fresh) throw notFound('La domanda');
    const kind = fresh.measure_kind as MeasureKind;
    let amountCents: number | null = null;
    let lines: readonly AmountLine[] = [];
    if (input.outcome === 'passed') {
      // Every document the measure requires must be on file before a positive review.
      const required = JSON.parse(fresh.measure_required_documents) as RequiredDocument[];
      const docs = await listDocuments(db, APPLICATION_OWNER_KIND, id);
      const have = new Set(docs.map((d) => d.category));
      const missing = required.filter((d) => !have.has(d.code));
      if (missing.length > 0) {
        throw new AppError(
          400,
          'DOCUMENT_MISSING',
          `Mancano documenti obbligatori: ${missing.map((d) => d.label).join('; ')}.`,
          missing.map((d) => ({
            path: `documents.${d.code}`,
            code: 'document_missing',
            message: `Manca: ${d.label}.`,
          })),
        );
      }
      const loaded = await loadHouseholdSnapshot(db, fresh.household_id, fresh.applied_on as PlainDate);
      if (!loaded) throw notFound('Il nucleo');
      const params = effectiveParameters(kind, JSON.parse(fresh.parameters) as Record<string, unknown>);
      const facts = householdFacts(
        loaded.snapshot,
        JSON.parse(fresh.facts) as QuestionnaireAnswers,
        fresh.applied_on as PlainDate,
      );
      const evaluation = evaluateMeasure(kind, params, facts);
      if (evaluation.verdict !== 'eligible') {
        const open = evaluation.checks.filter((c) => c.outcome !== 'met');
        throw new AppError(
          409,
          'CONFLICT',
          `I requisiti non risultano tutti soddisfatti: ${open.map((c) => c.evidence).join(' ')}`,
          open.map((c) => ({ path: `checks.${c.code}`, code: c.outcome, message: `${c.evidence} (${c.source})` })),
        );
      }
      const contract = fresh.contract_id ? await findContractRow(db, fresh.contract_id) : undefined;
      const amount = grantAmount(
        kind,
        params,
        facts,
        grantRequestOf(JSON.parse(fresh.request) as ApplicationInputParsed['request'], contract),
      );
      if (!amount.ok) throw amountRefusal(amount.code, amount.text);
      if (amount.amountCents <= 0)
        throw new AppError(409, 'CONFLICT', 'L’importo calcolato è nullo: la domanda non può avere esito positivo.');
      amountCents = amount.amountCents;
      lines = amount.lines;
    }
    await applyEvent(db, ctx, fresh, input.outcome === 'passed' ? 'review_passed' : 'review_failed', {
      outcome: input.outcome,
      reason: input.reason,
      amountCents,
      values: input.outcome === 'passed' ? { amount_cents: amountCents, breakdown: JSON.stringify(lines) } : {},
      timeline: {
        title: `Istruttoria ${input.outcome === 'passed' ? 'positiva' : 'negativa'} – domanda ${fresh.code}`,
        detail: amountCents !== null ? `Importo: ${formatEuro(amountCents)}. ${input.reason}` : input.reason,
      },
    });
    await writeAudit(db, ctx, {
      action: 'review',
      entityType: 'measure_application',
      entityId: id,
      householdId: row.household_id,
      details: { outcome: input.outcome, amountCents },
    });
  });
}

export async function decideApplication(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
  input: ApprovalInput,
): Promise<void> {
  const row = await loadApplicationForActor(root, ctx, id, (h) => canApproveApplication(ctx.actor, h), 'approve');
  const events = await listApplicationEventRows(root, id);
  if (!isSeparateFromReviewer(ctx.actor, reviewerOf(events))) {
    await writeAudit(root, ctx, {
      action: 'approve',
      entityType: 'measure_application',
      entityId: id,
      householdId: row.household_id,
      outcome: 'denied',
      details: { reason: 'separation_of_duties' },
    });
    throw new AppError(
      403,
      'SEPARATION_OF_DUTIES',
      'Chi ha svolto l’istruttoria non può approvare la stessa domanda: serve un altro responsabile.',
    );
  }
  await root.transaction().execute(async (db) => {
    const fresh = await findApplicationRow(db, id);
    if (!fresh) throw notFound('La domanda');
    if (input.decision === 'not_approved') {
      await applyEvent(db, ctx, fresh, 'not_approved', {
        outcome: 'not_approved',
        reason: input.reason,
        timeline: { title: `Domanda ${fresh.code} non approvata`, detail: input.reason },
      });
      await writeAudit(db, ctx, {
        action: 'reject',
        entityType: 'measure_application',
        entityId: id,
        householdId: fresh.household_id,
      });
      return;
    }
    if (fresh.status !== 'review_passed') {
      throw new AppError(
        409,
        'CONFLICT',
        `Operazione non ammessa su una domanda «${APPLICATION_STATUS_LABELS[fresh.status as ApplicationStatus]}».`,
      );
    }
    const amount = Number(fresh.amount_cents ?? 0);
    const year = Number(fresh.applied_on.slice(0, 4));
    const fund = await findFundByCodeYear(db, fresh.measure_fund_code, year);
    if (!fund)
      throw new AppError(
        409,
        'CONFLICT',
        `Nessun fondo ${fresh.measure_fund_code} per l’anno ${year}: crearlo prima di approvare.`,
      );
    // The conditional update is the budget check: it cannot be overtaken by a concurrent approval.
    if (!(await commitToFund(db, fund.id, amount))) {
      const current = await db
        .selectFrom('funds')
        .select(['budget_cents', 'committed_cents'])
        .where('id', '=', fund.id)
        .executeTakeFirstOrThrow();
      throw new AppError(
        409,
        'BUDGET_EXCEEDED',
        `Fondo insufficiente: servono ${formatEuro(amount)}, restano ${formatEuro(Number(current.budget_cents) - Number(current.committed_cents))} sul fondo ${fund.name} ${year}.`,
      );
    }
    const at = ctx.now.toISOString();
    await applyEvent(db, ctx, fresh, 'approved', {
      outcome: 'approved',
      reason: input.reason,
      amountCents: amount,
      values: { fund_id: fund.id, committed_cents: amount },
      timeline: {
        title: `Domanda ${fresh.code} approvata`,
        detail: `Contributo concesso: ${formatEuro(amount)} (${fresh.measure_name}).`,
      },
    });
    await insertFundEntries(db, [
      {
        id: newId(),
        fund_id: fund.id,
        kind: 'commitment',
        amount_cents: amount,
        application_id: id,
        payment_id: null,
        note: `Impegno per la domanda ${fresh.code}`,
        at,
        by_user: ctx.actor.userId,
      },
    ]);
    await writeAudit(db, ctx, {
      action: 'approve',
      entityType: 'measure_application',
      entityId: id,
      householdId: fresh.household_id,
      details: { amountCents: amount, fundId: fund.id },
    });
  });
}

/** The decision letter (PDF/A): outcome, amount with its breakdown, legal basis and reasons. */
export async function decisionLetter(
  root: DbExecutor,
  ctx: RequestContext,
  id: string,
): Promise<{ code: string; pdf: Buffer }> {
  const detail = await readApplication(root, ctx, id);
  const decision = [...detail.events]
    .reverse()
    .find((e) => ['approved', 'not_approved', 'review_failed'].includes(e.kind));
  if (!decision)
    throw new AppError(409, 'CONFLICT', 'La domanda non ha ancora una decisione: la lettera non è disponibile.');
  const row = await findApplicationRow(root, id);
  const granted = decision.kind === 'approved';
  const euro = (c: number) => formatEuro(c);
  const content: unknown[] = [
    { text: 'Agenzia per la Casa – Comunicazione di esito', style: 'h1' },
    { text: `Domanda ${detail.code} del ${formatPlainDateIt(detail.appliedOn)} – ${detail.measureName}`, style: 'h2' },
    { text: `Base giuridica: ${row?.measure_legal_basis ?? ''}` },
    {
      text: `Richiedente: ${detail.applicantName} (${detail.applicantFiscalCode}) – nucleo ${detail.householdCode}`,
      margin: [0, 6, 0, 0],
    },
    { text: `Esito: ${granted ? 'domanda approvata' : 'domanda non accolta'}`, style: 'h2' },
    { text: `Motivazione: ${decision.reason ?? ''}` },
  ];
  if (granted) {
    content.push(
      { text: 'Importo concesso e calcolo', style: 'h2' },
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto'],
          body: [
            [
              { text: 'Voce', style: 'th' },
              { text: 'Importo', style: 'th' },
            ],
            ...detail.breakdown.map((l) => [`${l.label} (${l.source})`, euro(l.amountCents)]),
            [
              { text: 'Totale', bold: true },
              { text: euro(detail.amountCents ?? 0), bold: true },
            ],
          ],
        },
      },
      { text: `Pagamento a: ${detail.payeeName}, IBAN ${detail.iban}.`, margin: [0, 8, 0, 0] },
    );
  }
  content.push({
    text: `Parametri applicati: versione ${detail.parameterVersion}. Data della decisione: ${formatPlainDateIt(decision.at.slice(0, 10))}.`,
    style: 'small',
    margin: [0, 12, 0, 0],
  });
  const pdf = await renderPdf({
    title: `Esito domanda ${detail.code}`,
    content,
    header: 'Abitare – Agenzia per la Casa',
  });
  await writeAudit(root, ctx, {
    action: 'letter',
    entityType: 'measure_application',
    entityId: id,
    householdId: detail.householdId,
  });
  return { code: detail.code, pdf };
}

export async function householdBenefits(root: DbExecutor, ctx: RequestContext, householdId: string): Promise<Benefits> {
  await authoriseHousehold(root, ctx, householdId, (h) => canReadApplication(ctx.actor, h), {
    action: 'read_benefits',
    entityType: 'household',
    entityId: householdId,
  });
  const list = await listApplications(root, ctx, { householdId, limit: 500, offset: 0 });
  const payments = await listHouseholdPayments(root, householdId);
  return {
    applications: list.items,
    payments: payments.map((p) => ({
      id: p.id,
      kind: p.kind,
      applicationId: p.application_id,
      measureCode: p.measure_code,
      amountCents: Number(p.amount_cents),
      onDate: p.on_date,
      batchCode: p.batch_code,
    })),
  };
}

// ---- Landlords and agreed-rent contracts ------------------------------------------------------

export async function listLandlords(root: DbExecutor, ctx: RequestContext): Promise<Landlord[]> {
  if (!canReadMeasures(ctx.actor) || ctx.actor.role === 'admin')
    await refuse(root, ctx, { action: 'list', entityType: 'landlord' });
  const { landlords, contracts } = await listLandlordRows(root);
  await writeAudit(root, ctx, { action: 'list', entityType: 'landlord', details: { returned: landlords.length } });
  return landlords.map((l) => ({
    id: l.id,
    name: l.name,
    fiscalCode: l.fiscal_code,
    iban: l.iban,
    email: l.email,
    phone: l.phone,
    contracts: contracts
      .filter((c) => c.landlord_id === l.id)
      .map((c) => {
        const incentive = agreedRentIncentive({ durationYears: c.duration_years, extensionYears: c.extension_years });
        return {
          id: c.id,
          landlordId: c.landlord_id,
          householdId: c.household_id,
          address: c.address,
          comuneId: c.comune_id,
          localAgreement: c.local_agreement,
          durationYears: c.duration_years,
          extensionYears: c.extension_years,
          monthlyRentCents: Number(c.monthly_rent_cents),
          startsOn: c.starts_on,
          registeredOn: c.registered_on,
          guaranteeCents: c.guarantee_cents === null ? null : Number(c.guarantee_cents),
          guaranteeMonths: c.guarantee_months,
          incentiveCents: incentive.ok ? incentive.amountCents : null,
          incentiveNote: incentive.ok ? (incentive.lines[0]?.label ?? '') : incentive.text,
        };
      }),
  }));
}

export async function createLandlord(
  root: DbExecutor,
  ctx: RequestContext,
  input: LandlordInput & { fiscalCode: string },
): Promise<string> {
  if (!canRegisterAgreedRent(ctx.actor)) {
    await refuse(root, ctx, { action: 'create', entityType: 'landlord' });
  }
  let iban: string | null = null;
  if (input.iban) {
    const r = validateIban(input.iban);
    if (!r.ok)
      throw new AppError(400, 'IBAN_INVALID', IBAN_ERROR_MESSAGES[r.error], [
        { path: 'iban', code: `iban_${r.error}`, message: IBAN_ERROR_MESSAGES[r.error] },
      ]);
    iban = r.iban;
  }
  return root.transaction().execute(async (db) => {
    const same = await db
      .selectFrom('landlords')
      .select('name')
      .where('fiscal_code', '=', input.fiscalCode)
      .executeTakeFirst();
    if (same) {
      const message = `Il proprietario con codice fiscale ${input.fiscalCode} è già registrato (${same.name}).`;
      throw new AppError(409, 'CONFLICT', message, [{ path: 'fiscalCode', code: 'duplicate', message }]);
    }
    const id = newId();
    await insertLandlord(db, {
      id,
      name: input.name,
      fiscal_code: input.fiscalCode,
      iban,
      email: input.email ?? null,
      phone: input.phone ?? null,
      created_at: ctx.now.toISOString(),
      created_by: ctx.actor.userId,
    });
    await writeAudit(db, ctx, { action: 'create', entityType: 'landlord', entityId: id });
    return id;
  });
}

export async function createContract(
  root: DbExecutor,
  ctx: RequestContext,
  input: ContractInput & { startsOn: PlainDate },
): Promise<string> {
  if (!canRegisterAgreedRent(ctx.actor)) {
    await refuse(root, ctx, { action: 'create', entityType: 'agreed_rent_contract' });
  }
  const comune = await root.selectFrom('comuni').select('id').where('id', '=', input.comuneId).executeTakeFirst();
  if (!comune) {
    throw validationFailed([{ path: 'comuneId', code: 'unknown_comune', message: 'Comune sconosciuto.' }]);
  }
  if (input.householdId) {
    const household = await root
      .selectFrom('households')
      .select(['id', 'comune_id'])
      .where('id', '=', input.householdId)
      .executeTakeFirst();
    if (!household) {
      throw validationFailed([
        { path: 'householdId', code: 'unknown_household', message: 'Nucleo familiare sconosciuto.' },
      ]);
    }
    // The contract goes on the household's timeline: only for a household in the actor's Comuni.
    if (!inComuneScope(ctx.actor, household.comune_id)) {
      await refuse(root, ctx, {
        action: 'create',
        entityType: 'agreed_rent_contract',
        householdId: household.id,
      });
    }
  }
  return root.transaction().execute(async (db) => {
    if (!(await findLandlordRow(db, input.landlordId))) throw notFound('Il proprietario');
    const guarantee = agreedRentGuarantee(input.monthlyRentCents);
    const id = newId();
    await insertContract(db, {
      id,
      landlord_id: input.landlordId,
      household_id: input.householdId ?? null,
      address: input.address,
      comune_id: input.comuneId,
      local_agreement: input.localAgreement,
      duration_years: input.durationYears,
      extension_years: input.extensionYears,
      monthly_rent_cents: input.monthlyRentCents,
      starts_on: input.startsOn,
      registered_on: input.registeredOn ?? null,
      guarantee_cents: guarantee.cents,
      guarantee_months: guarantee.months,
      created_at: ctx.now.toISOString(),
      created_by: ctx.actor.userId,
    });
    if (input.householdId) {
      await insertTimelineEvent(db, {
        id: newId(),
        householdId: input.householdId,
        at: ctx.now.toISOString(),
        kind: 'agreed_rent_contract',
        title: `Contratto a canone concordato ${input.durationYears}+${input.extensionYears}`,
        detail: input.address,
        actorId: ctx.actor.userId,
        sourceType: 'agreed_rent_contract',
        sourceId: id,
      });
    }
    await writeAudit(db, ctx, {
      action: 'create',
      entityType: 'agreed_rent_contract',
      entityId: id,
      householdId: input.householdId ?? null,
    });
    return id;
  });
}
