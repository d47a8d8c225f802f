import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PageTitle } from '../../components/page-title.js';
import { ApiError } from '../../lib/api.js';
import { createEviction } from '../worklist/emergency-api.js';
import { HouseholdPicker } from '../worklist/household-picker.js';
import { SimpleForm } from '../worklist/simple-form.js';
import { evictionDataFields, evictionDataFromValues } from './eviction-fields.js';

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
        fields={evictionDataFields()}
        onSubmit={async (v) => {
          if (!household) {
            setPickError('Scegliere il nucleo familiare.');
            throw new ApiError(400, 'VALIDATION_FAILED', 'Scegliere il nucleo familiare.');
          }
          const created = await createEviction({ householdId: household.id, ...evictionDataFromValues(v) });
          void navigate(`/sfratti/${created.id}`);
        }}
      />
    </div>
  );
}
