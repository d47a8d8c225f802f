import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { roleManagesTemporaryHousing } from '../../../shared/temporary-housing.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { formatDate } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';
import { useCurrentUser } from '../auth/session-context.js';
import { createPlacement, getSelection, getTemporaryUnit } from '../worklist/emergency-api.js';
import { HouseholdPicker } from '../worklist/household-picker.js';
import { num, orNull, SimpleForm } from '../worklist/simple-form.js';
import { PLACEMENT_STATUS_LABELS, STAY_KIND_LABELS, targetGroupLabel } from './labels.js';

function SelectionSection({
  unitId,
  onPick,
}: {
  readonly unitId: string;
  readonly onPick: (h: { id: string; label: string }) => void;
}) {
  const sel = useApiResource(`selection:${unitId}`, () => getSelection(unitId));
  if (sel.error) return <ErrorAlert error={sel.error} />;
  if (!sel.data) return <Loading />;
  const s = sel.data;
  return (
    <section aria-labelledby="selection-title" className="mb-4">
      <h2 id="selection-title" className="h4">
        Nuclei seguiti adatti a un posto libero
      </h2>
      <p className="small">
        Graduati con lo schema «{s.scheme.name}» (versione {s.scheme.version}): i punti sono una scelta del Comune, non
        una norma di legge. Parità: ISEE più basso, poi codice del nucleo.
      </p>
      <table className="table table-sm" data-testid="selection-table">
        <caption>
          {s.entries.length} nuclei seguiti; posti liberi: {s.placesFree}
        </caption>
        <thead>
          <tr>
            <th scope="col">Pos.</th>
            <th scope="col">Nucleo</th>
            <th scope="col">Punti</th>
            <th scope="col">Destinatari dell’unità</th>
            <th scope="col">Perché è seguito</th>
            <th scope="col">Azione</th>
          </tr>
        </thead>
        <tbody>
          {s.entries.map((e) => (
            <tr key={e.householdId}>
              <td>{e.rank ?? '—'}</td>
              <th scope="row">
                <Link to={`/nuclei/${e.householdId}`}>{e.householdCode}</Link> {e.applicantName}
              </th>
              <td>
                {e.score}
                <div className="small">{e.criteria.map((c) => `${c.label}: ${c.points}`).join('; ')}</div>
              </td>
              <td className="small">{e.targetGroupText}</td>
              <td className="small">{e.followedBecause.join('; ')}</td>
              <td>
                {e.rank !== null ? (
                  <button
                    type="button"
                    className="btn btn-sm btn-outline-primary"
                    onClick={() => onPick({ id: e.householdId, label: `${e.householdCode} — ${e.applicantName}` })}
                  >
                    Proponi
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TemporaryUnitPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const res = useApiResource(`unit:${id}`, () => getTemporaryUnit(id));
  const [household, setHousehold] = useState<{ id: string; label: string } | null>(null);
  if (res.error)
    return (
      <div className="container-xxl my-4">
        <ErrorAlert error={res.error} />
      </div>
    );
  if (!res.data)
    return (
      <div className="container-xxl my-4">
        <Loading />
      </div>
    );
  const { unit, placements } = res.data;
  const manages = roleManagesTemporaryHousing(user.role);
  return (
    <div className="container-xxl my-4" data-testid="temporary-unit-page">
      <PageTitle title={`Unità ${unit.unitCode}`} />
      <p className="lead">
        {unit.address} — gestita da {unit.partnerName}
      </p>
      <p>
        {targetGroupLabel(unit.targetGroup)}; {STAY_KIND_LABELS[unit.stayKind]}; {unit.capacityPlaces} posti in{' '}
        {unit.rooms} stanze{unit.shared ? ', in coabitazione' : ''}. Occupati oggi: {unit.placesTaken}, liberi:{' '}
        <strong data-testid="unit-free">{unit.placesFree}</strong>.
      </p>
      <table className="table table-sm">
        <caption>Permanenze nell’unità</caption>
        <thead>
          <tr>
            <th scope="col">Permanenza</th>
            <th scope="col">Nucleo</th>
            <th scope="col">Posti</th>
            <th scope="col">Dal</th>
            <th scope="col">Fine</th>
            <th scope="col">Stato</th>
          </tr>
        </thead>
        <tbody>
          {placements.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/ospitalita/permanenze/${p.id}`}>{p.code}</Link>
              </th>
              <td>{p.applicantName}</td>
              <td>{p.placesUsed}</td>
              <td>{formatDate(p.startsOn)}</td>
              <td>{formatDate(p.exitedOn ?? p.plannedEndOn)}</td>
              <td>{PLACEMENT_STATUS_LABELS[p.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {manages ? (
        <>
          <SelectionSection unitId={unit.unitId} onPick={setHousehold} />
          <section aria-labelledby="new-placement-title">
            <h2 id="new-placement-title" className="h4">
              Inserisci un nucleo
            </h2>
            <HouseholdPicker id="placement-household" value={household} onChange={setHousehold} />
            <SimpleForm
              id="placement-form"
              submitLabel="Inserisci nell’unità"
              fields={[
                { name: 'placesUsed', label: 'Posti occupati', kind: 'number', required: true, initial: '2' },
                { name: 'startsOn', label: 'Inizio', kind: 'date', required: true },
                { name: 'plannedEndOn', label: 'Fine prevista (al massimo 6 mesi)', kind: 'date', required: true },
                {
                  name: 'monthlyGrantEuros',
                  label: 'Contributo mensile al nucleo (euro)',
                  kind: 'number',
                  initial: '0',
                },
                {
                  name: 'monthlyCopaymentEuros',
                  label: 'Compartecipazione mensile concordata (euro)',
                  kind: 'number',
                  initial: '0',
                },
                { name: 'educatorName', label: 'Educatore di riferimento' },
              ]}
              onSubmit={async (v) => {
                if (!household) throw new ApiError(400, 'VALIDATION_FAILED', 'Scegliere il nucleo familiare.');
                const p = await createPlacement({
                  householdId: household.id,
                  unitId: unit.unitId,
                  placesUsed: num(v.placesUsed) ?? 0,
                  startsOn: v.startsOn ?? '',
                  plannedEndOn: v.plannedEndOn ?? '',
                  monthlyGrantEuros: num(v.monthlyGrantEuros) ?? 0,
                  monthlyCopaymentEuros: num(v.monthlyCopaymentEuros) ?? 0,
                  educatorName: orNull(v.educatorName),
                });
                void navigate(`/ospitalita/permanenze/${p.id}`);
              }}
            />
          </section>
        </>
      ) : null}
    </div>
  );
}
