// A PSU signed in on the self-service page (UX-1 "how to revoke later"), where no TPP and no
// authorization request is involved: the PSU is named by the keyed link the authorize service keeps
// across clients, never by the bank's own id.
import { IsOptional, IsString, Length } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsIdentifier, IsScopeList, IsTimestamp } from '../../shared/fields';

export class PsuSelfServiceSignedInV1 {
  /** The PSU's self-service link: a keyed pseudonym of the PSU, the same for every client. */
  @IsIdentifier() psuLink!: string;
  @IsOptional() @IsString() @Length(1, 200) acr?: string;
  @IsScopeList() amr!: string[];
  @IsTimestamp() authTime!: string;
}

export const PsuSelfServiceSignedIn = defineEvent({
  type: 'PsuSelfServiceSignedIn',
  schemaVersion: 1,
  context: 'authorization',
  schema: PsuSelfServiceSignedInV1,
  description: 'A PSU signed in on the self-service page',
});
