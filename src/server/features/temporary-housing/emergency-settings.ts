// The housing-emergency settings (stay durations, alert windows): read from the database over the
// defaults of core/temporary-housing, changed by managers with the checks of the core, audited.
import {
  checkAlertWindows,
  checkStayDurations,
  DEFAULT_EMERGENCY_SETTINGS,
  mergeEmergencySettings,
  type AlertWindows,
  type EmergencySettings,
  type StayDurations,
} from '../../../core/temporary-housing/emergency-settings.js';
import type { StayKind } from '../../../core/temporary-housing/placement-rules.js';
import {
  roleChangesEmergencySettings,
  roleReadsEmergencySettings,
  type EmergencySettingsInput,
  type EmergencySettingsView,
} from '../../../shared/temporary-housing.js';
import type { DbExecutor } from '../../db/client.js';
import type { RequestContext } from '../../http/context.js';
import { AppError, validationFailed } from '../../http/errors.js';
import { writeAudit } from '../audit/audit.queries.js';
import { refuse } from '../partners/emergency-kit.js';

const KEY = 'emergency';

interface StoredSettings {
  readonly stayRules: Record<StayKind, StayDurations>;
  readonly alerts: AlertWindows;
}

async function storedRow(db: DbExecutor) {
  return db
    .selectFrom('emergency_settings')
    .leftJoin('users', 'users.id', 'emergency_settings.updated_by')
    .select([
      'emergency_settings.value',
      'emergency_settings.version',
      'emergency_settings.updated_at',
      'users.display_name as updated_by_name',
    ])
    .where('emergency_settings.key', '=', KEY)
    .executeTakeFirst();
}

const inForce = (row: { value: string } | undefined): EmergencySettings =>
  row ? mergeEmergencySettings(JSON.parse(row.value) as StoredSettings) : DEFAULT_EMERGENCY_SETTINGS;

/** The settings in force (the defaults until a manager changes them). */
export async function loadEmergencySettings(db: DbExecutor): Promise<EmergencySettings> {
  return inForce(await storedRow(db));
}

const durationsOf = (s: EmergencySettings['stayRules'][StayKind]): StayDurations => ({
  initialMonths: s.initialMonths,
  renewalMonths: s.renewalMonths,
  maxRenewals: s.maxRenewals,
  maxTotalMonths: s.maxTotalMonths,
});

export async function readEmergencySettings(root: DbExecutor, ctx: RequestContext): Promise<EmergencySettingsView> {
  if (!roleReadsEmergencySettings(ctx.actor.role)) {
    await refuse(root, ctx, { action: 'read', entityType: 'emergency_settings' });
  }
  const row = await storedRow(root);
  const s = inForce(row);
  const view = (kind: StayKind) => ({
    ...durationsOf(s.stayRules[kind]),
    label: s.stayRules[kind].label,
    source: s.stayRules[kind].source,
    status: s.stayRules[kind].status,
  });
  const d = DEFAULT_EMERGENCY_SETTINGS;
  return {
    stayRules: { hospitality: view('hospitality'), sat: view('sat') },
    alerts: s.alerts,
    defaults: {
      stayRules: { hospitality: durationsOf(d.stayRules.hospitality), sat: durationsOf(d.stayRules.sat) },
      alerts: d.alerts,
    },
    version: row ? row.version : 0,
    updatedAt: row ? row.updated_at : null,
    updatedByName: row ? (row.updated_by_name ?? null) : null,
  };
}

/**
 * Changes the settings. They apply from now on: to new stays, to renewals decided from now, and to the
 * work list; stays already recorded keep their dates. A SAT stay never goes past the legal 5 years.
 */
export async function changeEmergencySettings(
  root: DbExecutor,
  ctx: RequestContext,
  input: EmergencySettingsInput,
): Promise<void> {
  if (!roleChangesEmergencySettings(ctx.actor.role)) {
    await refuse(root, ctx, { action: 'change', entityType: 'emergency_settings' });
  }
  const problems = [
    ...checkStayDurations('hospitality', input.stayRules.hospitality),
    ...checkStayDurations('sat', input.stayRules.sat),
    ...checkAlertWindows(input.alerts),
  ];
  if (problems.length > 0) throw validationFailed(problems);
  const value: StoredSettings = { stayRules: input.stayRules, alerts: input.alerts };
  await root.transaction().execute(async (db) => {
    const before = await storedRow(db);
    const current = before?.version ?? 0;
    if (current !== input.version) {
      throw new AppError(
        409,
        'STALE_VERSION',
        'I parametri sono stati cambiati da un’altra persona: ricarica la pagina.',
      );
    }
    const at = ctx.now.toISOString();
    if (before) {
      const updated = await db
        .updateTable('emergency_settings')
        .set({ value: JSON.stringify(value), version: current + 1, updated_at: at, updated_by: ctx.actor.userId })
        .where('key', '=', KEY)
        .where('version', '=', current)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) {
        throw new AppError(
          409,
          'STALE_VERSION',
          'I parametri sono stati cambiati da un’altra persona: ricarica la pagina.',
        );
      }
    } else {
      // Two first saves racing: the primary key lets one in; the other inserts nothing and is stale.
      const inserted = await db
        .insertInto('emergency_settings')
        .values({ key: KEY, value: JSON.stringify(value), version: 1, updated_at: at, updated_by: ctx.actor.userId })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
        throw new AppError(
          409,
          'STALE_VERSION',
          'I parametri sono stati cambiati da un’altra persona: ricarica la pagina.',
        );
      }
    }
    await writeAudit(db, ctx, {
      action: 'change',
      entityType: 'emergency_settings',
      entityId: KEY,
      details: { before: before ? (JSON.parse(before.value) as StoredSettings) : 'default', after: value },
    });
  });
}
