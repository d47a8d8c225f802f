import type { Role } from '../../../shared/auth.js';
import { roleReadsSap } from '../../../shared/permissions.js';
import { canOpenHouseholds, canReadAudit } from '../auth/session-context.js';
import { canReadSchemes } from '../schemes/scheme-model.js';

export interface Area {
  readonly path: string;
  readonly label: string;
  /** What the area will hold; shown on its page while it is being built. */
  readonly description: string;
  readonly ready: boolean;
  readonly visibleTo: (role: Role) => boolean;
  /** The sections listed on the area's landing page. */
  readonly links?: readonly AreaLink[];
}

export interface AreaLink {
  readonly path: string;
  readonly label: string;
  readonly description: string;
  readonly visibleTo: (role: Role) => boolean;
}

const everyone = () => true;

export const AREAS: readonly Area[] = [
  { path: '/', label: 'Cruscotto', description: 'Panoramica del lavoro.', ready: true, visibleTo: everyone },
  {
    path: '/nuclei',
    label: 'Nuclei familiari',
    description: 'Anagrafe dei nuclei familiari, ISEE, fragilità e note.',
    ready: true,
    visibleTo: canOpenHouseholds,
  },
  {
    path: '/sportello',
    label: 'Sportello',
    description: 'Accoglienza, appuntamenti e pratiche aperte allo sportello.',
    ready: false,
    visibleTo: everyone,
  },
  {
    path: '/erp',
    label: 'Edilizia pubblica (ERP)',
    description: 'Avvisi, domande, graduatorie e assegnazioni dei servizi abitativi pubblici.',
    ready: true,
    visibleTo: roleReadsSap,
    links: [
      {
        path: '/alloggi',
        label: 'Patrimonio abitativo',
        description: 'Alloggi dei Comuni e di ALER: dati, stato, storia e importazione da file.',
        visibleTo: roleReadsSap,
      },
      {
        path: '/avvisi',
        label: 'Avvisi',
        description: 'Avvisi pubblici: alloggi offerti, quote, scadenze; domande, importazione e istruttoria.',
        visibleTo: roleReadsSap,
      },
      {
        path: '/schemi',
        label: 'Schemi di punteggio',
        description: 'Punteggi dei bandi calcolati dall’Agenzia: schemi versionati, requisiti, criteri e fonti.',
        visibleTo: canReadSchemes,
      },
    ],
  },
  {
    path: '/misure',
    label: 'Misure e contributi',
    description: "Contributi all'affitto, morosità incolpevole e altre misure di sostegno.",
    ready: false,
    visibleTo: everyone,
  },
  {
    path: '/emergenza',
    label: 'Emergenza abitativa',
    description: 'Sfratti, alloggi temporanei e servizi abitativi transitori.',
    ready: false,
    visibleTo: everyone,
  },
  {
    path: '/osservatorio',
    label: 'Osservatorio',
    description: 'Statistiche aggregate sul fabbisogno abitativo del territorio.',
    ready: false,
    visibleTo: everyone,
  },
  {
    path: '/registro',
    label: 'Registro accessi',
    description: 'Chi ha consultato o modificato i dati, e quando.',
    ready: true,
    visibleTo: canReadAudit,
  },
];

export function areasFor(role: Role): Area[] {
  return AREAS.filter((a) => a.visibleTo(role));
}
