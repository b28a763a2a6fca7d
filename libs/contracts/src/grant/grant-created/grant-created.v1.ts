// A first authorization with grant_management_action=create (or none) created a grant.
import { defineGrantContentEvent, GrantContent } from '../grant-content';

export class GrantCreatedV1 extends GrantContent {}

export const GrantCreated = defineGrantContentEvent('GrantCreated', GrantCreatedV1, 'A grant was created');
