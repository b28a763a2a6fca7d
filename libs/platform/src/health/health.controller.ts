// /health/live answers while the process runs; /health/ready only when Postgres and the event
// transport answer. Kubernetes probes and the embedded runtime's gateway both read these.
import { ApiExcludeController } from '@nestjs/swagger';
import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { EVENT_TRANSPORT, type TransportHealth } from './event-transport-health';

// Operational, not part of the API a TPP calls: left out of the API reference.
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_TRANSPORT) private readonly transport: TransportHealth,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | object> {
    try {
      return await this.health.check([
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.transportCheck(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse() as object;
    }
  }

  private async transportCheck(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('events');
    const ready = await this.transport.isReady().catch(() => false);
    return ready
      ? indicator.up({ transport: this.transport.transportName })
      : indicator.down({ transport: this.transport.transportName });
  }
}
