// The housing-emergency settings: durations of each kind of stay and the work list's alert windows.
// Managers and administrators change them; the rest of the staff read them.
import type { StayKind } from '../../../core/temporary-housing/placement-rules.js';
import { roleChangesEmergencySettings, type EmergencySettingsView } from '../../../shared/temporary-housing.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { getEmergencySettings, saveEmergencySettings } from '../worklist/emergency-api.js';
import { SimpleForm, type FieldSpec } from '../worklist/simple-form.js';

const KINDS: readonly StayKind[] = ['hospitality', 'sat'];
const DURATIONS = [
  ['initialMonths', 'Primo periodo (mesi)'],
  ['renewalMonths', 'Durata di un rinnovo (mesi)'],
  ['maxRenewals', 'Numero massimo di rinnovi'],
  ['maxTotalMonths', 'Durata massima complessiva (mesi)'],
] as const;
const WINDOWS = [
  ['releaseWithinDays', 'Avviso di rilascio imminente: giorni prima della data fissata'],
  ['exitPlanDays', 'Avviso di piano di uscita mancante: giorni prima della fine prevista'],
  ['reportEveryDays', 'Relazione dell’educatore attesa ogni (giorni)'],
] as const;

function fieldsOf(s: EmergencySettingsView): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (const kind of KINDS) {
    for (const [key, label] of DURATIONS) {
      out.push({
        name: `stayRules.${kind}.${key}`,
        label: `${s.stayRules[kind].label}: ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
        kind: 'number',
        required: true,
        initial: String(s.stayRules[kind][key]),
        hint: `Valore predefinito: ${s.defaults.stayRules[kind][key]}.`,
        className: 'col-12 col-md-6 col-xl-3',
      });
    }
  }
  for (const [key, label] of WINDOWS) {
    out.push({
      name: `alerts.${key}`,
      label,
      kind: 'number',
      required: true,
      initial: String(s.alerts[key]),
      hint: `Valore predefinito: ${s.defaults.alerts[key]}.`,
      className: 'col-12 col-md-4',
    });
  }
  return out;
}

export function EmergencySettingsPage() {
  const user = useCurrentUser();
  const res = useApiResource('emergency-settings', getEmergencySettings);
  if (res.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={res.error} />
      </div>
    );
  const s = res.data;
  if (!s)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const n = (v: string | undefined) => (v === undefined || v.trim() === '' ? Number.NaN : Number(v.replace(',', '.')));
  return (
    <div className="container-xxl my-4" data-testid="emergency-settings-page">
      <PageTitle title="Parametri dell’emergenza abitativa" />
      <p>
        Durate delle permanenze negli alloggi temporanei e finestre degli avvisi della lista di lavoro. Valgono per le
        nuove permanenze, per i rinnovi decisi da ora e per la lista di lavoro; le permanenze già registrate mantengono
        le loro date. I servizi abitativi transitori non superano comunque 5 anni (LR 16/2016 art. 23 c.13, DGR
        XI/2063/2019).
      </p>
      <p className="small" data-testid="emergency-settings-status">
        {s.updatedAt
          ? `Modificati il ${formatDateTime(s.updatedAt)}${s.updatedByName ? ` da ${s.updatedByName}` : ''}.`
          : 'In uso i valori predefiniti.'}
      </p>
      <ul className="small">
        {KINDS.map((k) => (
          <li key={k}>
            {s.stayRules[k].label}: {s.stayRules[k].source}
            {s.stayRules[k].status === 'P' ? ' (da verificare)' : ''}
          </li>
        ))}
      </ul>
      {roleChangesEmergencySettings(user.role) ? (
        <SimpleForm
          key={s.version}
          id="emergency-settings-form"
          submitLabel="Salva i parametri"
          fields={fieldsOf(s)}
          onSubmit={async (v) => {
            const durations = (kind: StayKind) => ({
              initialMonths: n(v[`stayRules.${kind}.initialMonths`]),
              renewalMonths: n(v[`stayRules.${kind}.renewalMonths`]),
              maxRenewals: n(v[`stayRules.${kind}.maxRenewals`]),
              maxTotalMonths: n(v[`stayRules.${kind}.maxTotalMonths`]),
            });
            const saved = await saveEmergencySettings({
              stayRules: { hospitality: durations('hospitality'), sat: durations('sat') },
              alerts: {
                releaseWithinDays: n(v['alerts.releaseWithinDays']),
                exitPlanDays: n(v['alerts.exitPlanDays']),
                reportEveryDays: n(v['alerts.reportEveryDays']),
              },
              version: s.version,
            });
            res.setData(saved);
          }}
        />
      ) : (
        <table className="table table-sm" data-testid="emergency-settings-table">
          <caption>Parametri in vigore</caption>
          <tbody>
            {fieldsOf(s).map((f) => (
              <tr key={f.name}>
                <th scope="row">{f.label}</th>
                <td>{f.initial}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
