// Places of the demo Ambito and the birth places its synthetic people come from.
// Codes are public registry facts (ISTAT and cadastral "Belfiore" codes, Agenzia delle Entrate's
// Z codes for foreign states); the street names are generic Italian ones, not a survey of the towns.

export interface DemoComune {
  /** Short prefix of the unit codes (`CIN-C-00001`). */
  readonly key: 'CIN' | 'BRE' | 'COR' | 'CUS';
  readonly name: string;
  readonly istatCode: string;
  /** Cadastral code, as it appears in the fiscal codes of people born there (rules.md §7.1). */
  readonly belfioreCode: string;
  readonly postcode: string;
  readonly population: number;
  readonly isLead: boolean;
  /** Units owned by the Comune and by ALER Milano. */
  readonly units: { readonly comune: number; readonly aler: number };
}

export const DEMO_AMBITO_NAME = 'Ambito territoriale di Cinisello Balsamo';
export const DEMO_PROVINCE = 'MI';
export const ALER_NAME = 'ALER Milano';

/**
 * The four Comuni of the Ambito (rules.md §1.3). Cinisello's population and stock come from the seed
 * (75,855 inhabitants; 1,304 units, 367 municipal and the rest ALER). The other three share the rest of
 * the Ambito's SAP stock in the 2024 plan (1,859 units: 676 municipal, 1,183 ALER, rules.md §1.3), that
 * is 309 municipal and 246 ALER units; the split among them is our assumption, roughly by population.
 * Their populations are rounded.
 */
export const DEMO_COMUNI: readonly DemoComune[] = [
  {
    key: 'CIN',
    name: 'Cinisello Balsamo',
    istatCode: '015077',
    belfioreCode: 'C707',
    postcode: '20092',
    population: 75855,
    isLead: true,
    units: { comune: 367, aler: 937 },
  },
  {
    key: 'BRE',
    name: 'Bresso',
    istatCode: '015032',
    belfioreCode: 'B162',
    postcode: '20091',
    population: 26000,
    isLead: false,
    units: { comune: 110, aler: 95 },
  },
  {
    key: 'COR',
    name: 'Cormano',
    istatCode: '015086',
    belfioreCode: 'D013',
    postcode: '20032',
    population: 20000,
    isLead: false,
    units: { comune: 104, aler: 81 },
  },
  {
    key: 'CUS',
    name: 'Cusano Milanino',
    istatCode: '015096',
    belfioreCode: 'D231',
    postcode: '20095',
    population: 19000,
    isLead: false,
    units: { comune: 95, aler: 70 },
  },
];

/** Generic street names found in most Italian towns; each Comune gets its own draw of them. */
export const STREET_NAMES: readonly string[] = [
  'Via Giuseppe Garibaldi',
  'Via Alessandro Manzoni',
  'Via Giacomo Matteotti',
  'Via della Libertà',
  'Via Monte Grappa',
  'Via Antonio Gramsci',
  'Via Giovanni Verga',
  'Via Francesco Petrarca',
  'Viale Lombardia',
  'Via Monte Ortigara',
  'Via Dante Alighieri',
  'Via Cesare Battisti',
  'Via Nazario Sauro',
  'Via Piave',
  'Via Isonzo',
  'Via Guglielmo Marconi',
  'Via Galileo Galilei',
  'Via Leonardo da Vinci',
  'Via Giovanni Pascoli',
  'Via Ugo Foscolo',
  'Via Torquato Tasso',
  'Via Carlo Goldoni',
  'Via Giuseppe Mazzini',
  'Via Camillo Cavour',
  'Via XXV Aprile',
  'Via IV Novembre',
  'Via Primo Maggio',
  'Via Trieste',
  'Via Trento',
  'Via Gorizia',
  'Via Vittorio Veneto',
  'Via Milano',
  'Via Monza',
  'Via Giuseppe Verdi',
  'Via Gioacchino Rossini',
  'Via Vincenzo Bellini',
  'Via Gaetano Donizetti',
  'Via Pietro Mascagni',
  'Via Enrico Fermi',
  'Via Alessandro Volta',
  'Via San Martino',
  'Via Sant’Ambrogio',
  'Via dei Partigiani',
  'Via delle Rose',
  'Via dei Tigli',
  'Via Edmondo De Amicis',
  'Via Luigi Pirandello',
  'Via Grazia Deledda',
  'Piazza della Repubblica',
  'Viale Italia',
];

export interface BirthPlace {
  readonly code: string;
  readonly weight: number;
}

/** Where people of the area are born today: Milan's and the nearby hospitals. */
export const LOCAL_BIRTH_PLACES: readonly BirthPlace[] = [
  { code: 'F205', weight: 50 }, // Milano
  { code: 'I690', weight: 20 }, // Sesto San Giovanni
  { code: 'C707', weight: 15 }, // Cinisello Balsamo
  { code: 'F704', weight: 15 }, // Monza
];

/** Older residents often came from the South and the North-East in the 1950s–70s migrations. */
export const ITALIAN_BIRTH_PLACES: readonly BirthPlace[] = [
  { code: 'F839', weight: 10 }, // Napoli
  { code: 'G273', weight: 8 }, // Palermo
  { code: 'A662', weight: 8 }, // Bari
  { code: 'D643', weight: 7 }, // Foggia
  { code: 'H224', weight: 6 }, // Reggio di Calabria
  { code: 'C351', weight: 6 }, // Catania
  { code: 'D086', weight: 5 }, // Cosenza
  { code: 'E506', weight: 5 }, // Lecce
  { code: 'F158', weight: 4 }, // Messina
  { code: 'H703', weight: 4 }, // Salerno
  { code: 'L049', weight: 4 }, // Taranto
  { code: 'A089', weight: 3 }, // Agrigento
  { code: 'B429', weight: 3 }, // Caltanissetta
  { code: 'G942', weight: 3 }, // Potenza
  { code: 'F052', weight: 2 }, // Matera
  { code: 'A509', weight: 2 }, // Avellino
  { code: 'B963', weight: 2 }, // Caserta
  { code: 'L331', weight: 2 }, // Trapani
  { code: 'H620', weight: 3 }, // Rovigo
  { code: 'A794', weight: 3 }, // Bergamo
  { code: 'B157', weight: 3 }, // Brescia
  { code: 'H501', weight: 3 }, // Roma
  { code: 'L219', weight: 2 }, // Torino
  { code: 'B354', weight: 2 }, // Cagliari
];
