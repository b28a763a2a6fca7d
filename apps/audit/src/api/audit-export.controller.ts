// GET /audit/export: the records matching the filters as NDJSON, streamed, with what is needed to
// verify them offline (AUD-3): a fresh signed checkpoint and its public key first, then each
// record with its inclusion proof in that checkpoint, then a count so truncation shows.
import { Readable } from 'node:stream';
import { Controller, Get, Inject, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditTreeStore } from '../tamper-evidence/audit-tree-store';
import { Checkpointer } from '../tamper-evidence/checkpointer';
import { inclusionPath } from '../tamper-evidence/merkle-tree';
import { AuditRequestInvalid, AuditResourceNotFound } from './audit-errors';
import type { OfficerRequest } from './audit-events.controller';
import { AuditLogReader } from './audit-log-reader';
import { filtersOf, parseAuditQuery, type AuditFilters } from './audit-query.request';
import { AuditReadRecorder } from './audit-read-recorder';
import { ComplianceAuthGuard } from './compliance-auth.guard';

const PAGE = 500;

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(ComplianceAuthGuard)
@Controller('audit/export')
export class AuditExportController {
  constructor(
    @Inject(AuditLogReader) private readonly reader: AuditLogReader,
    @Inject(AuditReadRecorder) private readonly recorder: AuditReadRecorder,
    @Inject(Checkpointer) private readonly checkpointer: Checkpointer,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'NDJSON export with a signed checkpoint and an inclusion proof per record' })
  async export(@Query() query: unknown, @Req() request: OfficerRequest): Promise<StreamableFile> {
    const parsed = parseAuditQuery(query);
    if (parsed.cursor || parsed.limit) throw new AuditRequestInvalid('an export takes no limit or cursor');
    const filters = filtersOf(parsed);
    const checkpoint = await this.checkpointer.issue();
    if (!checkpoint) throw new AuditResourceNotFound('the audit log is empty');
    await this.recorder.record(
      { kind: 'export', officer: request.officer, filters, resultCount: 0 },
      request.id,
    );
    const lines = this.lines(filters, checkpoint.treeSize, {
      kind: 'checkpoint',
      checkpoint,
      publicKey: this.checkpointer.publicKey,
      publicKeys: this.checkpointer.publicKeys,
    });
    return new StreamableFile(Readable.from(lines), { type: 'application/x-ndjson' });
  }

  private async *lines(filters: AuditFilters, treeSize: number, header: object): AsyncGenerator<string> {
    yield `${JSON.stringify(header)}\n`;
    const tree = new AuditTreeStore(this.dataSource).subtreeHashes();
    let after = 0;
    let count = 0;
    for (;;) {
      const page = await this.reader.page(filters, after, PAGE, treeSize);
      for (const record of page.records) {
        const path = await inclusionPath(record.seq - 1, treeSize, tree);
        count++;
        yield `${JSON.stringify({ kind: 'record', ...record, inclusionProof: path.map((hash) => hash.toString('base64url')) })}\n`;
      }
      if (!page.nextCursor) break;
      after = Number(page.nextCursor);
    }
    yield `${JSON.stringify({ kind: 'end', records: count })}\n`;
  }
}
