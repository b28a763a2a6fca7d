// GET /audit/checkpoints: the signed checkpoints and the key that signs them, for anyone on the
// internal origin to keep copies of (that is what makes a rewrite detectable); GET
// /audit/checkpoints/consistency: the RFC 9162 §2.1.4 proof that a later tree extends an earlier one.
import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditTreeStore } from '../tamper-evidence/audit-tree-store';
import { Checkpointer } from '../tamper-evidence/checkpointer';
import { consistencyProof } from '../tamper-evidence/merkle-tree';
import { AuditRequestInvalid, AuditResourceNotFound } from './audit-errors';
import { onlyParameters, positiveInteger } from './audit-query.request';

@ApiTags('audit')
@Controller('audit/checkpoints')
export class CheckpointsController {
  constructor(
    @Inject(Checkpointer) private readonly checkpointer: Checkpointer,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Signed checkpoints, newest first, and the public keys that verify them' })
  async list(@Query() query: Record<string, unknown>) {
    onlyParameters(query, ['limit', 'before']);
    const limit =
      query['limit'] === undefined ? 20 : Math.min(positiveInteger(query['limit'], 'limit'), 1000);
    const before = query['before'] === undefined ? undefined : positiveInteger(query['before'], 'before');
    return {
      publicKey: this.checkpointer.publicKey,
      publicKeys: this.checkpointer.publicKeys,
      checkpoints: await this.checkpointer.list(limit, before),
    };
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Consistency proof between two signed checkpoints (RFC 9162 §2.1.4)' })
  async consistency(@Query() query: Record<string, unknown>) {
    onlyParameters(query, ['from', 'to']);
    const from = positiveInteger(query['from'], 'from');
    const to = positiveInteger(query['to'], 'to');
    if (from > to) throw new AuditRequestInvalid('from must not exceed to');
    const [first, second] = await Promise.all([this.checkpointer.atSize(from), this.checkpointer.atSize(to)]);
    if (!first || !second) throw new AuditResourceNotFound('both sizes must be signed checkpoints');
    const proof = await consistencyProof(from, to, new AuditTreeStore(this.dataSource).subtreeHashes());
    return { from: first, to: second, proof: proof.map((hash) => hash.toString('base64url')) };
  }
}
