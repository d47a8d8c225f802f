import { PageTitle } from '../../components/page-title.js';

// Both texts are drafts for the data controller to complete: they say only what the software does.

export function AccessibilityPage() {
  return (
    <div className="container-xxl my-4 legal-text">
      <PageTitle title="Dichiarazione di accessibilità" />
      <p className="lead">
        Il Comune di Cinisello Balsamo si impegna a rendere accessibile Abitare, in conformità alla legge 9 gennaio
        2004, n. 4 e alle Linee guida AgID sull'accessibilità degli strumenti informatici.
      </p>
      <h2 className="h4 mt-4">Stato di conformità</h2>
      <p>
        Il sistema è progettato per rispettare i requisiti della norma UNI CEI EN 301549 e le WCAG 2.1 livello AA. La
        valutazione formale non è ancora stata completata: la dichiarazione ufficiale sarà pubblicata con la procedura
        prevista da AgID al termine della verifica.
      </p>
      <h2 className="h4 mt-4">Come è verificata l'accessibilità</h2>
      <ul>
        <li>ogni campo dei moduli ha un'etichetta e gli errori sono collegati al campo a cui si riferiscono;</li>
        <li>tutte le funzioni sono utilizzabili da tastiera e il fuoco segue un ordine logico;</li>
        <li>ad ogni rilascio le pagine principali sono controllate automaticamente con lo strumento axe-core.</li>
      </ul>
      <h2 className="h4 mt-4">Segnalazioni</h2>
      <p>
        Per segnalare un problema di accessibilità rivolgiti all'Agenzia per la Casa attraverso i recapiti indicati sul
        sito istituzionale del Comune. Se la risposta non è soddisfacente puoi inviare una segnalazione al Difensore
        civico per il digitale presso AgID.
      </p>
    </div>
  );
}

export function PrivacyPage() {
  return (
    <div className="container-xxl my-4 legal-text">
      <PageTitle title="Informativa privacy" />
      <p className="lead">
        Informativa sul trattamento dei dati personali ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679
        (GDPR).
      </p>
      <h2 className="h4 mt-4">Titolare del trattamento</h2>
      <p>
        Comune di Cinisello Balsamo, per le funzioni dell'Agenzia per la Casa. I dati di contatto del titolare e del
        Responsabile della protezione dei dati sono pubblicati sul sito istituzionale del Comune.
      </p>
      <h2 className="h4 mt-4">Quali dati e perché</h2>
      <p>
        Abitare tratta i dati dei nuclei familiari che si rivolgono all'Agenzia (anagrafica, recapiti, ISEE, condizioni
        di fragilità, eventuali note del servizio sociale) per lo svolgimento dei compiti di interesse pubblico in
        materia di servizi abitativi (art. 6, par. 1, lett. e, GDPR). I dati relativi alla salute sono trattati per
        motivi di interesse pubblico rilevante (art. 9, par. 2, lett. g, GDPR e art. 2-sexies del D.Lgs. 196/2003).
      </p>
      <p>
        Del personale che usa il sistema sono trattati i dati di accesso: ogni consultazione e modifica dei fascicoli è
        registrata nel registro degli accessi, per garantire la sicurezza e la responsabilità del trattamento.
      </p>
      <h2 className="h4 mt-4">Chi può vedere i dati</h2>
      <p>
        Solo il personale autorizzato, secondo il proprio ruolo. Le note riservate al servizio sociale sono visibili
        soltanto agli operatori del servizio sociale.
      </p>
      <h2 className="h4 mt-4">Diritti</h2>
      <p>
        Gli interessati possono esercitare i diritti previsti dagli articoli da 15 a 22 del GDPR (accesso, rettifica,
        limitazione, opposizione) rivolgendosi al titolare, e possono proporre reclamo al Garante per la protezione dei
        dati personali.
      </p>
      <p className="small text-secondary">
        Testo predisposto dal sistema: i tempi di conservazione e gli altri elementi di dettaglio sono definiti dal
        titolare del trattamento.
      </p>
    </div>
  );
}
