// Picks a household file by surname or fiscal code, for the emergency forms.
import { useState } from 'react';
import { Button } from 'design-react-kit';
import { TextField } from '../../components/form-fields.js';
import { searchHouseholds } from '../households/households-api.js';

interface Props {
  readonly id: string;
  readonly value: { id: string; label: string } | null;
  readonly onChange: (v: { id: string; label: string } | null) => void;
  readonly error?: string | undefined;
}

export function HouseholdPicker({ id, value, onChange, error }: Props) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ id: string; label: string }[] | null>(null);
  if (value) {
    return (
      <div className="mb-3" data-testid={`${id}-chosen`}>
        <p className="mb-1">
          Nucleo scelto: <strong>{value.label}</strong>
        </p>
        <Button color="secondary" outline size="sm" type="button" onClick={() => onChange(null)}>
          Cambia nucleo
        </Button>
      </div>
    );
  }
  async function search() {
    const r = await searchHouseholds({ q, limit: 10, offset: 0 });
    setResults(
      r.items.map((h) => ({
        id: h.id,
        label: `${h.code} — ${h.applicantName ?? 'senza richiedente'} (${h.comuneName})`,
      })),
    );
  }
  return (
    <fieldset className="mb-3">
      <legend className="h6">Nucleo familiare</legend>
      <div className="d-flex gap-2 align-items-start">
        <TextField
          id={id}
          label="Cerca per cognome, codice fiscale o codice del nucleo"
          value={q}
          onValueChange={setQ}
          error={error}
          className="flex-grow-1"
        />
        <Button color="primary" outline type="button" onClick={() => void search()} data-testid={`${id}-search`}>
          Cerca
        </Button>
      </div>
      {results !== null ? (
        results.length === 0 ? (
          <p className="small">Nessun nucleo trovato.</p>
        ) : (
          <ul className="list-unstyled" aria-label="Nuclei trovati">
            {results.map((r) => (
              <li key={r.id}>
                <Button color="link" type="button" className="p-0" onClick={() => onChange(r)}>
                  {r.label}
                </Button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </fieldset>
  );
}
