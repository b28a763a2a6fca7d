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

const POSITIVE = /^[1-9][0-9]{0,17}$/;

function positive(query: Record<string, unknown>, name: string, fallback?: number): number {
  const value = query[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !POSITIVE.test(value))
    throw new AuditRequestInvalid(`${name} must be a positive integer`);
  return Number(value);
}

function onlyParameters(query: Record<string, unknown>, names: string[]): void {
  const extra = Object.keys(query).find((name) => !names.includes(name));
  if (extra) throw new AuditRequestInvalid(`unknown parameter ${extra}`);
}

@ApiTags('audit')
@Controller('audit/checkpoints')
export class CheckpointsController {
  constructor(
    @Inject(Checkpointer) private readonly checkpointer: Checkpointer,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Signed checkpoints, newest first, and the public key that verifies them' })
  async list(@Query() query: Record<string, unknown>) {
    onlyParameters(query, ['limit', 'before']);
    const limit = Math.min(positive(query, 'limit', 20), 1000);
    const before = query['before'] === undefined ? undefined : positive(query, 'before');
    return {
      publicKey: this.checkpointer.publicKey,
      checkpoints: await this.checkpointer.list(limit, before),
    };
  }

  @Get('consistency')
  @ApiOperation({ summary: 'Consistency proof between two signed checkpoints (RFC 9162 §2.1.4)' })
  async consistency(@Query() query: Record<string, unknown>) {
    onlyParameters(query, ['from', 'to']);
    const from = positive(query, 'from');
    const to = positive(query, 'to');
    if (from > to) throw new AuditRequestInvalid('from must not exceed to');
    const [first, second] = await Promise.all([this.checkpointer.atSize(from), this.checkpointer.atSize(to)]);
    if (!first || !second) throw new AuditResourceNotFound('both sizes must be signed checkpoints');
    const proof = await consistencyProof(from, to, new AuditTreeStore(this.dataSource).subtreeHashes());
    return { from: first, to: second, proof: proof.map((hash) => hash.toString('base64url')) };
  }
}
