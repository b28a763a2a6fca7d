// The envelope every event travels in, on every transport (DESIGN.md "The event backbone").
// `data` is the event type's own payload; everything else is the same for every event.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const ACTOR_KINDS = ['psu', 'tpp', 'bank', 'system'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who caused the event: a PSU, a TPP (by client_id), bank staff, or the platform itself. */
export interface Actor {
  kind: ActorKind;
  id: string;
}

export interface EventEnvelope<T extends object = object> {
  id: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamPosition: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: T;
}

/** What a command handler contributes to every event it appends. */
export interface EventMetadata {
  correlationId: string;
  causationId?: string | null;
  actor: Actor;
  clientId?: string;
  interactionId?: string;
}

export const EVENT_TYPE_NAME = /^[A-Z][A-Za-z0-9]{2,63}$/;
// The identifier alphabet of every payload id (shared/fields.ts) plus nothing else: streams are
// named after consent, grant and payment ids, so an id a payload accepts must make a valid stream.
export const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

export class ActorSchema implements Actor {
  @IsIn(ACTOR_KINDS)
  kind!: ActorKind;

  @IsString()
  @Length(1, 200)
  id!: string;
}

export class EventEnvelopeSchema implements EventEnvelope {
  @IsUUID()
  id!: string;

  @Matches(EVENT_TYPE_NAME)
  type!: string;

  @IsInt()
  @Min(1)
  @Max(1000)
  schemaVersion!: number;

  @Matches(STREAM_ID)
  streamId!: string;

  @IsInt()
  @Min(1)
  streamPosition!: number;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsString()
  @Length(1, 200)
  correlationId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  causationId!: string | null;

  // ValidateNested alone lets a missing actor through; every event has one.
  @IsDefined()
  @ValidateNested()
  @Type(() => ActorSchema)
  actor!: ActorSchema;

  @IsObject()
  data!: object;
}
