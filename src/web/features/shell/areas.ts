import type { Role } from '../../../shared/auth.js';
import { roleReadsObservatory } from '../../../shared/observatory.js';
import { roleReadsSap } from '../../../shared/permissions.js';
import { roleReadsEvictions, roleReadsEvictionStatistics, roleReadsWorklist } from '../../../shared/evictions.js';
import { roleReadsPartnerNetwork } from '../../../shared/partners.js';
import { roleReadsPlans } from '../../../shared/plans.js';
import { roleReadsReferrals as roleReadsEmergencyReferrals } from '../../../shared/referrals.js';
import { roleReadsEmergencySettings, roleReadsTemporaryHousing } from '../../../shared/temporary-housing.js';
import { canOpenHouseholds, canReadAudit } from '../auth/session-context.js';
import { canReadSchemes } from '../schemes/scheme-model.js';
import { roleReadsReferrals, roleUsesFrontDesk } from '../../../shared/frontdesk.js';
import { roleManagesFunds, roleReadsFunds } from '../../../shared/funds.js';
import { roleEntersMeasureApplications, roleReadsMeasures } from '../../../shared/measures.js';

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
    ready: true,
    visibleTo: roleUsesFrontDesk,
    links: [
      {
        path: '/sportello/agenda',
        label: 'Agenda',
        description: 'Fasce degli operatori e appuntamenti prenotati.',
        visibleTo: roleUsesFrontDesk,
      },
      {
        path: '/sportello/invii',
        label: 'Invii',
        description: 'Invii a misure, avvisi, servizio sociale ed enti partner.',
        visibleTo: roleReadsReferrals,
      },
    ],
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
    ready: true,
    visibleTo: roleReadsMeasures,
    links: [
      {
        path: '/misure/domande',
        label: 'Domande',
        description: 'Domande alle misure: istruttoria, approvazione, lettere di esito.',
        visibleTo: roleEntersMeasureApplications,
      },
      {
        path: '/misure/fondi',
        label: 'Fondi',
        description: 'Budget annuali, impegni e pagamenti.',
        visibleTo: roleReadsFunds,
      },
      {
        path: '/misure/pagamenti',
        label: 'Lotti di pagamento',
        description: 'Pagamenti in lotti, rettifiche ed esportazione delle prestazioni erogate.',
        visibleTo: roleManagesFunds,
      },
    ],
  },
  {
    path: '/emergenza',
    label: 'Emergenza abitativa',
    description: 'Sfratti, alloggi temporanei e servizi abitativi transitori.',
    ready: true,
    visibleTo: (role) => roleReadsWorklist(role) || role === 'observer',
    links: [
      {
        path: '/emergenza/avvisi',
        label: 'Lista di lavoro',
        description:
          'Avvisi: rilasci vicini, procedure senza assistente sociale, permanenze in scadenza, relazioni e compartecipazioni.',
        visibleTo: roleReadsWorklist,
      },
      {
        path: '/sfratti',
        label: 'Sfratti',
        description: 'Procedure per nucleo: tribunale, motivo, passaggi fino al rilascio; filtri per fase.',
        visibleTo: roleReadsEvictions,
      },
      {
        path: '/sfratti/statistiche',
        label: 'Statistiche sugli sfratti',
        description: 'Per anno e motivo secondo il Ministero dell’Interno, con lo storico 2012–2017.',
        visibleTo: roleReadsEvictionStatistics,
      },
      {
        path: '/ospitalita',
        label: 'Ospitalità temporanea',
        description: 'Occupazione delle unità degli enti, permanenze, relazioni, conflitti e uscite.',
        visibleTo: roleReadsTemporaryHousing,
      },
      {
        path: '/progetti',
        label: 'Progetti di accompagnamento',
        description: 'Obiettivi, azioni, verifiche ed équipe per nucleo.',
        visibleTo: roleReadsPlans,
      },
      {
        path: '/enti',
        label: 'Rete degli enti',
        description: 'Enti partner, servizi, referenti, sedi e convenzioni.',
        visibleTo: (role) => roleReadsPartnerNetwork(role) || role === 'partner',
      },
      {
        path: '/invii',
        label: 'Invii agli enti',
        description: 'Invii tra Agenzia ed enti con base giuridica; accettazione, rifiuto, revoca.',
        visibleTo: roleReadsEmergencyReferrals,
      },
      {
        path: '/emergenza/parametri',
        label: 'Parametri',
        description: 'Durate delle permanenze (ospitalità, SAT) e finestre degli avvisi della lista di lavoro.',
        visibleTo: roleReadsEmergencySettings,
      },
      {
        path: '/ente',
        label: 'Area del mio ente',
        description: 'Solo i nuclei, le permanenze e gli invii condivisi con il proprio ente.',
        visibleTo: (role) => role === 'partner',
      },
    ],
  },
  {
    path: '/osservatorio',
    label: 'Osservatorio',
    description:
      'Domanda, offerta, emergenza e misure dell’Ambito: grafici con le loro tabelle, dati aperti, bozza del piano annuale.',
    ready: true,
    visibleTo: roleReadsObservatory,
  },
  {
    path: '/comunicazioni',
    label: 'Comunicazioni',
    description: 'Invii di lettere e messaggi per canale e stato; quelli non riusciti o da verificare, da decidere.',
    ready: true,
    visibleTo: canReadAudit,
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
