// grant_management_action=replace: the new content replaces the old entirely.
import { defineGrantContentEvent, GrantContent } from '../grant-content';

export class GrantReplacedV1 extends GrantContent {}

export const GrantReplaced = defineGrantContentEvent(
  'GrantReplaced',
  GrantReplacedV1,
  'A grant was replaced',
);
