// The communications of a household for the office: letters (with protocol number) and messages
// with their delivery state, documents asked for and the files the citizen uploaded.
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  DELIVERY_STATE_LABELS,
  documentRequestListSchema,
  messageListSchema,
  TEMPLATE_LABELS,
} from '../../../shared/communications.js';
import { PageTitle } from '../../components/page-title.js';
import { ErrorAlert, Loading, SuccessAlert } from '../../components/status.js';
import { apiFetch, type ApiError } from '../../lib/api.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useApiResource } from '../../lib/use-api.js';

const CHANNELS: Record<string, string> = { email: 'e-mail', io: 'app IO' };

function RequestDocumentsForm({ householdId, onDone }: { readonly householdId: string; readonly onDone: () => void }) {
  const [documents, setDocuments] = useState('');
  const [purpose, setPurpose] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const result = (await apiFetch('POST', `/api/households/${encodeURIComponent(householdId)}/document-requests`, {
        documents: documents
          .split('\n')
          .map((d) => d.trim())
          .filter(Boolean),
        purpose,
        dueOn,
      })) as { protocol: string | null };
      setDone(result.protocol);
      setDocuments('');
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mb-4" aria-labelledby="richiesta">
      <h2 id="richiesta" className="h5">
        Chiedi documenti al nucleo
      </h2>
      {error ? <ErrorAlert error={error} /> : null}
      {done ? <SuccessAlert>Richiesta inviata con lettera prot. {done}.</SuccessAlert> : null}
      <div className="mb-2">
        <label htmlFor="req-docs" className="form-label">
          Documenti (uno per riga)
        </label>
        <textarea
          id="req-docs"
          className="form-control"
          rows={3}
          value={documents}
          onChange={(e) => setDocuments(e.target.value)}
        />
      </div>
      <div className="row g-2">
        <div className="col-md-8">
          <label htmlFor="req-purpose" className="form-label">
            Per completare (es. «la domanda di contributo»)
          </label>
          <input
            id="req-purpose"
            className="form-control"
            value={purpose}
            onChange={(e) => setPurpose(e.target.value)}
          />
        </div>
        <div className="col-md-4">
          <label htmlFor="req-due" className="form-label">
            Entro il
          </label>
          <input
            id="req-due"
            type="date"
            className="form-control"
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="btn btn-primary btn-sm mt-2">
        Invia la richiesta
      </button>
    </form>
  );
}

export function HouseholdMessagesPage() {
  const { id = '' } = useParams();
  const messages = useApiResource(`messages/${id}`, () =>
    apiFetch('GET', `/api/households/${encodeURIComponent(id)}/messages`, undefined, messageListSchema),
  );
  const requests = useApiResource(`document-requests/${id}`, () =>
    apiFetch(
      'GET',
      `/api/households/${encodeURIComponent(id)}/document-requests`,
      undefined,
      documentRequestListSchema,
    ),
  );
  const error = messages.error ?? requests.error;
  return (
    <div className="container-xxl my-4" data-testid="household-messages">
      <PageTitle title="Comunicazioni del nucleo" />
      <p>
        <Link to={`/nuclei/${encodeURIComponent(id)}`}>Torna al fascicolo</Link>
      </p>
      {error ? <ErrorAlert error={error} /> : null}
      <RequestDocumentsForm
        householdId={id}
        onDone={() => {
          messages.reload();
          requests.reload();
        }}
      />
      <section aria-labelledby="doc-richiesti" className="mb-4">
        <h2 id="doc-richiesti" className="h5">
          Documenti richiesti
        </h2>
        {!requests.data ? (
          <Loading />
        ) : requests.data.items.length === 0 ? (
          <p>Nessun documento richiesto.</p>
        ) : (
          <table className="table table-sm" data-testid="document-requests">
            <caption>Documenti richiesti e file caricati</caption>
            <thead>
              <tr>
                <th scope="col">Documento</th>
                <th scope="col">Entro il</th>
                <th scope="col">File caricati</th>
              </tr>
            </thead>
            <tbody>
              {requests.data.items.map((r) => (
                <tr key={r.id}>
                  <td>{r.description}</td>
                  <td>{formatDate(r.dueOn)}</td>
                  <td>
                    {r.uploads.length === 0
                      ? 'nessuno'
                      : r.uploads.map((u) => (
                          <a
                            key={u.id}
                            href={`/api/request-documents/${encodeURIComponent(u.id)}`}
                            className="d-block"
                            data-testid="uploaded-document"
                          >
                            {u.fileName} ({formatDateTime(u.uploadedAt)})
                          </a>
                        ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="messaggi">
        <h2 id="messaggi" className="h5">
          Lettere e messaggi
        </h2>
        {!messages.data ? (
          <Loading />
        ) : messages.data.items.length === 0 ? (
          <p>Nessuna comunicazione.</p>
        ) : (
          <table className="table table-sm">
            <caption>Comunicazioni inviate al nucleo</caption>
            <thead>
              <tr>
                <th scope="col">Data</th>
                <th scope="col">Tipo</th>
                <th scope="col">Oggetto</th>
                <th scope="col">Protocollo</th>
                <th scope="col">Invio</th>
              </tr>
            </thead>
            <tbody>
              {messages.data.items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>{TEMPLATE_LABELS[m.template] ?? m.template}</td>
                  <td>{m.subject}</td>
                  <td>
                    {m.protocol ? (
                      <a href={`/api/messages/${encodeURIComponent(m.id)}/letter.pdf`}>{m.protocol} (PDF)</a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {m.deliveries.length === 0
                      ? 'solo lettera'
                      : m.deliveries
                          .map(
                            (d) =>
                              `${CHANNELS[d.channel] ?? d.channel}: ${DELIVERY_STATE_LABELS[d.state] ?? d.state}${d.lastError ? ` (${d.lastError})` : ''}`,
                          )
                          .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
