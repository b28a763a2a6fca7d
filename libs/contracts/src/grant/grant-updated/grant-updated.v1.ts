// grant_management_action=update (or merge): the new content is the merge of old and new.
import { defineGrantContentEvent, GrantContent } from '../grant-content';

export class GrantUpdatedV1 extends GrantContent {}

export const GrantUpdated = defineGrantContentEvent('GrantUpdated', GrantUpdatedV1, 'A grant was updated');
