// Who may run the data-protection duties: the export of a person's data is for managers and
// administrators (the controller's staff answering art. 15 GDPR requests); nobody else.
import { canExportPersonData } from '../../../shared/privacy.js';
import type { Actor } from '../../http/context.js';

export const mayExportPersonData = (actor: Pick<Actor, 'role'>) => canExportPersonData(actor.role);
