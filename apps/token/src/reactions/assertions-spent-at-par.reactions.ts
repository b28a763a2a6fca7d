// CLI-2: a client assertion's jti is single-use across the authorization server, not only at the
// endpoints of this service. authorize's PAR spends assertions in its own used_jtis and says which
// in ParRequestPushed; this spends the same jti here, so an assertion captured at PAR cannot buy a
// client_credentials token (or redeem a code) within its lifetime. The window between the two is
// the event's propagation time, as for revocations (DESIGN.md journey 7).
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { type JtiReplayStore, clientAssertionReplayKey } from '@grantline/crypto';
import type { EventEnvelope, ParRequestPushedV1 } from '@grantline/contracts';
import { JTI_REPLAY_STORE } from '@grantline/platform';

@Controller()
export class AssertionsSpentAtPar {
  constructor(@Inject(JTI_REPLAY_STORE) private readonly replay: JtiReplayStore) {}

  @EventPattern('ParRequestPushed')
  async onParRequestPushed(@Payload() event: EventEnvelope<ParRequestPushedV1>): Promise<void> {
    const { clientId, clientAssertionJtiSha256, clientAssertionExpiresAt } = event.data;
    if (clientAssertionJtiSha256 === undefined || clientAssertionExpiresAt === undefined) return;
    const expiresAt = Date.parse(clientAssertionExpiresAt);
    // Already past: nothing could accept it any more. A redelivery finds it spent, which is fine.
    if (expiresAt <= Date.now()) return;
    await this.replay.remember(clientAssertionReplayKey(clientId, clientAssertionJtiSha256), expiresAt);
  }
}
