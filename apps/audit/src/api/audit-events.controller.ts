// GET /audit/events: compliance queries with cursor pages (AUD-3); GET /audit/events/{seq}/proof:
// the inclusion proof of one record in a signed checkpoint (AUD-1). Every query is recorded.
import { Controller, Get, Inject, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditTreeStore } from '../tamper-evidence/audit-tree-store';
import { Checkpointer } from '../tamper-evidence/checkpointer';
import { inclusionPath } from '../tamper-evidence/merkle-tree';
import { AuditResourceNotFound } from './audit-errors';
import { AuditLogReader, type RecordPage } from './audit-log-reader';
import { filtersOf, onlyParameters, parseAuditQuery, positiveInteger } from './audit-query.request';
import { AuditReadRecorder } from './audit-read-recorder';
import { ComplianceAuthGuard } from './compliance-auth.guard';
import { DataSource } from 'typeorm';

export interface OfficerRequest {
  id: string;
  officer: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(ComplianceAuthGuard)
@Controller('audit/events')
export class AuditEventsController {
  constructor(
    @Inject(AuditLogReader) private readonly reader: AuditLogReader,
    @Inject(AuditReadRecorder) private readonly recorder: AuditReadRecorder,
    @Inject(Checkpointer) private readonly checkpointer: Checkpointer,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Masked audit records matching the filters, oldest first, one page at a time' })
  @ApiOkResponse({ description: '{ records: [{ seq, ingestedAt, event, leafHash }], nextCursor? }' })
  async query(@Query() query: unknown, @Req() request: OfficerRequest): Promise<RecordPage> {
    const parsed = parseAuditQuery(query);
    const filters = filtersOf(parsed);
    const page = await this.reader.page(filters, Number(parsed.cursor ?? 0), parsed.limit ?? 100);
    await this.recorder.record(
      { kind: 'query', officer: request.officer, filters, resultCount: page.records.length },
      request.id,
    );
    return page;
  }

  @Get(':seq/proof')
  @ApiOperation({ summary: 'Inclusion proof (RFC 9162 §2.1.3) of a record in a signed checkpoint' })
  async proof(
    @Param('seq') seqText: string,
    @Query() query: Record<string, unknown>,
    @Req() request: OfficerRequest,
  ) {
    const seq = positiveInteger(seqText, 'seq');
    onlyParameters(query, ['treeSize']);
    const treeSize =
      query['treeSize'] === undefined ? undefined : positiveInteger(query['treeSize'], 'treeSize');
    const checkpoint =
      treeSize !== undefined ? await this.checkpointer.atSize(treeSize) : await this.checkpointer.issue();
    if (!checkpoint) throw new AuditResourceNotFound('no signed checkpoint of that size');
    if (seq > checkpoint.treeSize)
      throw new AuditResourceNotFound(`checkpoint ${checkpoint.treeSize} does not cover position ${seq}`);
    const tree = new AuditTreeStore(this.dataSource).subtreeHashes();
    const [leaf, path] = await Promise.all([
      tree(seq - 1, seq),
      inclusionPath(seq - 1, checkpoint.treeSize, tree),
    ]);
    await this.recorder.record(
      { kind: 'proof', officer: request.officer, filters: {}, resultCount: 1 },
      request.id,
    );
    return {
      seq,
      leafHash: leaf.toString('base64url'),
      treeSize: checkpoint.treeSize,
      inclusionProof: path.map((hash) => hash.toString('base64url')),
      checkpoint,
    };
  }
}
