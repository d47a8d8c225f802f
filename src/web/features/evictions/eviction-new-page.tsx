import { useState } from 'react';
import { useNavigate } from 'react-router';
import { LANDLORD_KIND_LABELS, REPORTED_BY_LABELS } from '../../../shared/evictions.js';
import { optionsFrom } from '../../components/form-fields.js';
import { PageTitle } from '../../components/page-title.js';
import { ApiError } from '../../lib/api.js';
import { createEviction } from '../worklist/emergency-api.js';
import { HouseholdPicker } from '../worklist/household-picker.js';
import { num, orNull, SimpleForm } from '../worklist/simple-form.js';
import { EVICTION_MOTIVE_LABELS } from './labels.js';

export function EvictionNewPage() {
  const navigate = useNavigate();
  const [household, setHousehold] = useState<{ id: string; label: string } | null>(null);
  const [pickError, setPickError] = useState<string | undefined>();
  return (
    <div className="container-xxl my-4" data-testid="eviction-new-page">
      <PageTitle title="Registra una procedura di sfratto" />
      <HouseholdPicker id="eviction-household" value={household} onChange={setHousehold} error={pickError} />
      <SimpleForm
        id="eviction-form"
        submitLabel="Registra la procedura"
        fields={[
          { name: 'address', label: 'Indirizzo dell’alloggio', required: true },
          { name: 'court', label: 'Tribunale', required: true, initial: 'Tribunale di Monza' },
          { name: 'caseNumber', label: 'Numero di ruolo (R.G.)' },
          { name: 'landlordName', label: 'Proprietario', required: true },
          {
            name: 'landlordKind',
            label: 'Tipo di proprietario',
            kind: 'select',
            options: optionsFrom(LANDLORD_KIND_LABELS),
            required: true,
          },
          {
            name: 'motive',
            label: 'Motivo (categorie del Ministero dell’Interno)',
            kind: 'select',
            options: optionsFrom(EVICTION_MOTIVE_LABELS),
            required: true,
          },
          { name: 'arrearsEuros', label: 'Morosità (euro)', kind: 'number' },
          {
            name: 'reportedBy',
            label: 'Segnalata da',
            kind: 'select',
            options: optionsFrom(REPORTED_BY_LABELS),
            required: true,
          },
          { name: 'reportedOn', label: 'Data della segnalazione', kind: 'date', required: true },
          { name: 'notes', label: 'Note', kind: 'textarea' },
        ]}
        onSubmit={async (v) => {
          if (!household) {
            setPickError('Scegliere il nucleo familiare.');
            throw new ApiError(400, 'VALIDATION_FAILED', 'Scegliere il nucleo familiare.');
          }
          const created = await createEviction({
            householdId: household.id,
            address: v.address ?? '',
            court: v.court ?? '',
            caseNumber: orNull(v.caseNumber),
            landlordName: v.landlordName ?? '',
            landlordKind: (v.landlordKind ?? '') as 'private',
            motive: (v.motive ?? '') as 'arrears',
            arrearsEuros: num(v.arrearsEuros),
            reportedBy: (v.reportedBy ?? '') as 'court',
            reportedOn: v.reportedOn ?? '',
            notes: orNull(v.notes),
          });
          void navigate(`/sfratti/${created.id}`);
        }}
      />
    </div>
  );
}
