// The measures that ship with Abitare (core/measures/catalogue.ts), installed once per database with
// a first parameter version holding the full documented values, so that a later change of the code's
// defaults never changes a version in force (rules.md §0, rule 1). Idempotent.
import { defaultParameters, SHIPPED_MEASURES } from '../../../core/measures/catalogue.js';
import { isTemplateKind } from '../../../core/measures/catalogue.js';
import type { DbExecutor } from '../../db/client.js';
import { newId } from '../../ids.js';
import { findMeasureByCode, insertMeasure, insertParameterVersion } from './measures.queries.js';

export const SHIPPED_VALID_FROM = '2020-01-01';

export async function installShippedMeasures(
  db: DbExecutor,
  now: Date,
  opts: { readonly activateTemplates?: boolean } = {},
): Promise<number> {
  let installed = 0;
  const at = now.toISOString();
  for (const m of SHIPPED_MEASURES) {
    if (await findMeasureByCode(db, m.code)) continue;
    const id = newId();
    // The configurable templates start inactive in production: the administrator sets their
    // unverified parameters first.
    const active = !isTemplateKind(m.kind) || m.kind === 'contributo_comunale' || opts.activateTemplates === true;
    await insertMeasure(db, {
      id,
      code: m.code,
      kind: m.kind,
      name: m.name,
      legal_basis: m.legalBasis,
      description: m.description,
      fund_code: m.fundCode,
      payee: m.payee,
      valid_from: SHIPPED_VALID_FROM,
      valid_to: null,
      active: active ? 1 : 0,
      required_documents: JSON.stringify(m.requiredDocuments),
      approval_steps: JSON.stringify(m.approvalSteps),
      created_at: at,
      updated_at: at,
      created_by: null,
    });
    await insertParameterVersion(db, {
      id: newId(),
      measure_id: id,
      version: 'v1',
      valid_from: SHIPPED_VALID_FROM,
      valid_to: null,
      parameters: JSON.stringify(defaultParameters(m.kind)),
      note: 'Valori documentati in rules.md; i parametri non verificati vanno confermati dall’amministratore.',
      created_at: at,
      created_by: null,
    });
    installed++;
  }
  return installed;
}
