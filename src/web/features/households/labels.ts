export const SEX_LABELS = { F: 'Femmina', M: 'Maschio' } as const;

export const NOTE_AUDIENCE_LABELS = {
  all: 'Tutto il personale del fascicolo',
  social: 'Solo servizio sociale',
} as const;

export const HOUSEHOLD_FIELD_LABELS: Record<string, string> = {
  comuneId: 'Comune',
  addressStreet: 'Indirizzo',
  addressNumber: 'Numero civico',
  addressPostcode: 'CAP',
  addressCity: 'Città',
  phone: 'Telefono',
  email: 'E-mail',
  pec: 'PEC',
  loneParent: 'Nucleo monoparentale',
  members: 'Componenti',
  acknowledgeDuplicates: 'Conferma dei codici fiscali già presenti',
  version: 'Versione',
};

export const MEMBER_FIELD_LABELS: Record<string, string> = {
  fiscalCode: 'Codice fiscale',
  firstName: 'Nome',
  lastName: 'Cognome',
  birthDate: 'Data di nascita',
  sex: 'Sesso',
  relation: 'Relazione con il richiedente',
  citizenship: 'Cittadinanza',
  permitKind: 'Titolo di soggiorno',
  permitExpiresOn: 'Scadenza del titolo di soggiorno',
  disabilityPercent: 'Invalidità (%)',
  disabilityKind: 'Tipo di disabilità',
};

export const ISEE_FIELD_LABELS: Record<string, string> = {
  kind: 'Tipo di ISEE',
  protocol: 'Protocollo',
  valueCents: 'Valore ISEE',
  dsuSubmittedOn: 'Data di presentazione della DSU',
  validUntil: 'Valido fino al',
  membersCount: 'Componenti del nucleo ISEE',
};
