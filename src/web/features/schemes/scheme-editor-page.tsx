import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { pointsSchemeInputSchema, type PointsSchemeInput } from '../../../shared/schemes.js';
import { TIE_BREAK_KEYS } from '../../../core/sap/ranking.js';
import { ErrorSummary, type SummaryItem } from '../../components/error-summary.js';
import { TextAreaField } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { describeApiError, ErrorAlert, Loading } from '../../components/status.js';
import type { ApiError } from '../../lib/api.js';
import { useApiResource } from '../../lib/use-api.js';
import { isApiError } from '../../lib/use-form-feedback.js';
import { todayInRome } from '../rankings/labels.js';
import type { SchemeFlash } from './scheme-page.js';
import {
  factHelp,
  OPERATOR_HELP,
  readJson,
  schemeHref,
  schemePath,
  suggestNextVersion,
  tieBreakLabel,
} from './scheme-model.js';
import { createScheme, getScheme } from './schemes-api.js';
import { SchemesBreadcrumb } from './schemes-list-page.js';

const EDITOR_ID = 'scheme-json';
const DOC_PATH = 'docs/rulesets/points-schemes.md';

/** A small scheme to start from when no version is chosen: every value is an example to replace. */
function template(): PointsSchemeInput {
  return {
    id: 'nuovo-schema',
    version: '1',
    name: 'Nome del bando o della misura',
    validFrom: todayInRome() as PointsSchemeInput['validFrom'],
    validTo: null,
    eligibility: [
      {
        code: 'residenza',
        label: 'Residenza in un Comune dell’Ambito',
        condition: { fact: 'resides_in_ambito', op: '=', value: true },
        source: 'Scelta del Comune, delibera n. … del …',
      },
    ],
    criteria: [
      {
        code: 'minori',
        label: 'Presenza di figli minori',
        condition: { fact: 'minors_count', op: '>=', value: 1 },
        points: 3,
        source: 'Scelta del Comune, delibera n. … del …',
        basis: 'municipal_choice',
      },
    ],
    tieBreakKeys: ['lower_isee', 'earlier_submission', 'seeded_draw'],
  };
}

const toText = (scheme: PointsSchemeInput) => `${JSON.stringify(scheme, null, 2)}\n`;

/** "code/version" of the `da` parameter, or null. */
function parseFrom(value: string | null): { code: string; version: string } | null {
  if (!value) return null;
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) return null;
  return { code: value.slice(0, slash), version: value.slice(slash + 1) };
}

/** The JSON editor of a points scheme: a new scheme, or a new version prefilled from `?da=<code>/<version>`. */
export function SchemeEditorPage() {
  const [params] = useSearchParams();
  const from = parseFrom(params.get('da'));
  const source = useApiResource(from ? `scheme/${from.code}/${from.version}` : null, () =>
    from ? getScheme(from.code, from.version) : Promise.reject(new Error('nessuna versione')),
  );
  const title = from ? 'Nuova versione di uno schema di punteggio' : 'Nuovo schema di punteggio';

  if (from && source.error) {
    return (
      <div className="container-xxl my-4">
        <SchemesBreadcrumb current={title} />
        <PageTitle title={title} />
        <ErrorAlert
          error={source.error}
          title={`Non è stato possibile leggere la versione ${from.version} dello schema ${from.code}.`}
        >
          <p className="mt-3 mb-0">
            <Link to="/schemi">Torna agli schemi</Link> oppure <Link to="/schemi/nuovo">parti da uno schema vuoto</Link>
            .
          </p>
        </ErrorAlert>
      </div>
    );
  }
  if (from && !source.data) {
    return (
      <div className="container-xxl my-4">
        <Loading text="Caricamento della versione da cui partire…" />
      </div>
    );
  }
  const initial = source.data ? { ...source.data, version: suggestNextVersion(source.data.version) } : template();
  return (
    <SchemeEditor
      key={from ? `${from.code}/${from.version}` : 'new'}
      title={title}
      initialText={toText(initial)}
      basedOn={source.data ? { name: source.data.name, version: source.data.version } : null}
    />
  );
}

interface Problem {
  readonly title: string;
  readonly items: readonly SummaryItem[];
}

function SchemeEditor({
  title,
  initialText,
  basedOn,
}: {
  readonly title: string;
  readonly initialText: string;
  readonly basedOn: { readonly name: string; readonly version: string } | null;
}) {
  const navigate = useNavigate();
  const [text, setText] = useState(initialText);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [failures, setFailures] = useState(0);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failures > 0) summaryRef.current?.focus();
  }, [failures]);

  function fail(next: Problem) {
    setProblem(next);
    setFailures((n) => n + 1);
  }

  const item = (path: string, message: string): SummaryItem => ({
    targetId: EDITOR_ID,
    text: path === '' ? message : `${path}: ${message}`,
  });

  function failServer(error: ApiError) {
    if (error.code === 'VALIDATION_FAILED' && error.details.length > 0) {
      fail({
        title: `${error.message} ${error.details.length === 1 ? 'C’è un problema' : `Ci sono ${error.details.length} problemi`} da correggere.`,
        items: error.details.map((d) => item(schemePath(d.path), d.message)),
      });
    } else {
      fail({ title: describeApiError(error), items: [] });
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const json = readJson(text);
    if (!json.ok) {
      if (json.position !== null) {
        const editor = document.getElementById(EDITOR_ID);
        if (editor instanceof HTMLTextAreaElement) editor.setSelectionRange(json.position, json.position);
      }
      fail({ title: 'Il testo non è un JSON valido', items: [item('', json.message)] });
      return;
    }
    const parsed = pointsSchemeInputSchema.safeParse(json.value);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      fail({
        title:
          issues.length === 1 ? 'C’è un problema da correggere' : `Ci sono ${issues.length} problemi da correggere`,
        items: issues.map((i) => item(schemePath(i.path), i.message)),
      });
      return;
    }
    setSaving(true);
    try {
      const saved = await createScheme(parsed.data);
      void navigate(schemeHref(saved.code, saved.version), {
        state: { flash: `Versione ${saved.version} dello schema ${saved.code} salvata.` } satisfies SchemeFlash,
      });
    } catch (error) {
      if (!isApiError(error)) throw error;
      failServer(error);
      setSaving(false);
    }
  }

  function tidy() {
    const json = readJson(text);
    if (json.ok) setText(`${JSON.stringify(json.value, null, 2)}\n`);
    else fail({ title: 'Il testo non è un JSON valido', items: [item('', json.message)] });
  }

  return (
    <div className="container-xxl my-4" data-testid="scheme-editor-page">
      <SchemesBreadcrumb current={title} />
      <PageTitle title={title} />
      <p>
        {basedOn
          ? `Il testo parte dalla versione ${basedOn.version} di «${basedOn.name}», con un nuovo numero di versione: la versione salvata non cambia.`
          : 'Il testo contiene uno schema di esempio da sostituire.'}{' '}
        Lo schema è salvato solo se supera tutti i controlli; una versione salvata non si modifica più.
      </p>
      <div className="row">
        <div className="col-12 col-xl-8">
          <form
            onSubmit={(e) => void onSubmit(e)}
            noValidate
            aria-labelledby="scheme-form-title"
            data-testid="scheme-form"
          >
            <h2 id="scheme-form-title" className="visually-hidden">
              Testo dello schema
            </h2>
            {problem ? (
              <ErrorSummary ref={summaryRef} id="scheme-summary" title={problem.title} items={problem.items} />
            ) : null}
            <TextAreaField
              id={EDITOR_ID}
              label="Schema in formato JSON"
              required
              className="scheme-editor"
              rows={30}
              spellCheck={false}
              autoCapitalize="off"
              autoCorrect="off"
              style={{ fontFamily: 'var(--bs-font-monospace, monospace)', fontSize: '0.9rem', height: 'auto' }}
              hint="Codice (id), versione, nome, validità, requisiti di accesso, criteri con punti e fonti, criteri di parità. I percorsi degli errori indicano il punto del testo, ad esempio criteria[1].condition è la condizione del secondo criterio."
              value={text}
              onValueChange={(v) => setText(v)}
              error={problem ? 'Correggere i problemi elencati sopra.' : undefined}
            />
            <div className="d-flex flex-wrap gap-3 my-4">
              <button type="submit" className="btn btn-primary" aria-disabled={saving} data-testid="scheme-save">
                {saving ? 'Salvataggio in corso…' : 'Verifica e salva'}
              </button>
              <button type="button" className="btn btn-outline-primary" onClick={tidy} data-testid="scheme-tidy">
                Riordina il testo
              </button>
              <Link to="/schemi" className="btn btn-outline-secondary">
                Annulla
              </Link>
            </div>
          </form>
        </div>
        <div className="col-12 col-xl-4">
          <SchemeHelp />
        </div>
      </div>
    </div>
  );
}

function SchemeHelp() {
  return (
    <aside aria-labelledby="scheme-help-title" className="callout note" data-testid="scheme-help">
      <h2 id="scheme-help-title" className="h5">
        Guida rapida
      </h2>
      <p className="small">
        Una condizione è <code>{'{ "fact": …, "op": …, "value": … }'}</code>, oppure <code>{'{ "all": [ … ] }'}</code>{' '}
        (tutte), <code>{'{ "any": [ … ] }'}</code> (almeno una), <code>{'{ "not": … }'}</code>. Gli importi sono in
        centesimi: ISEE fino a 16.000 € si scrive <code>{'"isee_cents", "<=", 1600000'}</code>. Un dato mancante non
        soddisfa mai una condizione. I punti sono positivi, con al più due decimali; <code>basis</code> è{' '}
        <code>law</code> (legge) o <code>municipal_choice</code> (scelta del Comune). Le validità delle versioni di uno
        stesso schema non possono sovrapporsi.
      </p>
      <h3 className="h6">Operatori</h3>
      <ul className="small" data-testid="scheme-help-operators">
        {OPERATOR_HELP.map((o) => (
          <li key={o.op}>
            <code>{o.op}</code>: {o.text}
          </li>
        ))}
      </ul>
      <h3 className="h6">Criteri di parità</h3>
      <ul className="small">
        {TIE_BREAK_KEYS.map((k) => (
          <li key={k}>
            <code>{k}</code>: {tieBreakLabel(k)}
          </li>
        ))}
      </ul>
      <h3 className="h6">Dati del nucleo utilizzabili</h3>
      <dl className="small" data-testid="scheme-help-facts">
        {factHelp().map((f) => (
          <div key={f.name} className="mb-2">
            <dt className="text-break">
              <code>{f.name}</code>
            </dt>
            <dd className="mb-0">
              {f.label} <span className="text-muted">({f.type})</span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="small mb-0">
        La guida completa è nel file <code>{DOC_PATH}</code> del repository di Abitare; il formato accettato dal server
        è descritto anche nella <a href="/api/docs">documentazione dell’interfaccia di programmazione (API)</a>, alla
        voce <code>POST /api/schemes</code>.
      </p>
    </aside>
  );
}
