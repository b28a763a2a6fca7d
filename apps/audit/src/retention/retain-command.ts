// `node dist/apps/audit/src/main.js retain`: the retention run as an operator command (a monthly
// CronJob with the schema owner's credentials, like the migration Job). It prints what it dropped
// and where the kept log now begins; a refusal exits 1 with the reason.
import type { ServiceCommand } from '@grantline/platform';
import type { AuditConfig } from '../audit.config';
import { loadAuditKeys } from '../audit-keys';
import { Checkpointer } from '../tamper-evidence/checkpointer';
import { AuditRetention, RetentionRefused } from './audit-retention';

export const retainCommand: ServiceCommand<AuditConfig> = {
  summary: 'drop monthly partitions older than AUDIT_RETENTION_MONTHS, keeping the log verifiable',
  async run(config, dataSource, say) {
    if (config.AUDIT_RETENTION_MONTHS === undefined) {
      throw new RetentionRefused('AUDIT_RETENTION_MONTHS is not set: the log keeps everything');
    }
    const checkpointer = new Checkpointer(dataSource, loadAuditKeys(config).checkpointKeys);
    const outcome = await new AuditRetention(dataSource, checkpointer).run(config.AUDIT_RETENTION_MONTHS);
    say(
      outcome.droppedPartitions.length === 0
        ? `nothing ingested before ${outcome.cutoff} is left to drop`
        : `dropped ${outcome.droppedPartitions.join(', ')}; the kept log begins after position ${outcome.horizon}`,
    );
  },
};
