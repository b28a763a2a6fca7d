// A payload check compiled once per schema class from class-validator's own metadata, for the
// consumers' hot path (the audit ingest validates every event of every service, G8). Each message
// through validateSync looked every class's metadata up again, built an error object per property
// and filtered metadata lists four times; this runs the same constraint functions in the same
// order, and nothing else.
//
// It only ever says "valid" or "not sure": a payload it does not accept goes through validateSync,
// which stays the authority and writes the error. A schema using anything this does not model
// (groups, `always`, async constraints, promise validation, @Allow) is not compiled at all, and a
// differential test runs both over every event schema.
import { getMetadataStorage } from 'class-validator';
import type { ValidationArguments, ValidatorConstraintInterface } from 'class-validator';

/** What this reads of class-validator's metadata (class-validator 0.14). */
interface ValidationMetadataView {
  type: string;
  target: unknown;
  propertyName: string;
  constraintCls: unknown;
  constraints: unknown[];
  each?: boolean;
  always?: boolean;
  groups?: string[];
}

interface MetadataStorageView {
  getTargetValidationMetadatas(
    target: unknown,
    targetSchema: string,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): ValidationMetadataView[];
  getTargetValidatorConstraints(
    constraintCls: unknown,
  ): Array<{ async: boolean; instance: ValidatorConstraintInterface }>;
}

export type SchemaCheck = (instance: object) => boolean;

const CUSTOM = 'customValidation';
const CONDITIONAL = 'conditionalValidation';
const DEFINED = 'isDefined';
const NESTED = 'nestedValidation';
const MODELLED = new Set([CUSTOM, CONDITIONAL, DEFINED, NESTED]);

interface Constraint {
  validate(value: unknown, args: ValidationArguments): unknown;
  metadata: ValidationMetadataView;
}

interface PropertyCheck {
  name: string;
  conditions: Array<(object: object, value: unknown) => unknown>;
  defined: Constraint[];
  custom: Constraint[];
  nested: boolean;
}

interface Compiled {
  check: SchemaCheck;
  /** Whether any property is validated as a nested object (class-transformer builds its class). */
  nested: boolean;
}

const compiled = new WeakMap<object, Compiled | null>();

/** The compiled check of instances of `schema`, or undefined when it cannot be compiled. */
export function compiledSchemaCheck(schema: abstract new () => object): SchemaCheck | undefined {
  return compiledOf(schema)?.check;
}

/**
 * The compiled check for a payload as parsed from JSON, before class-transformer: for a schema
 * without nested objects, plainToInstance only copies the payload into an instance, so the plain
 * payload can be checked and used as it is (a test holds this for every event schema).
 */
export function plainPayloadCheck(schema: abstract new () => object): SchemaCheck | undefined {
  const found = compiledOf(schema);
  return found && !found.nested ? found.check : undefined;
}

function compiledOf(schema: abstract new () => object): Compiled | undefined {
  let found = compiled.get(schema);
  if (found === undefined) {
    found = compile(schema) ?? null;
    compiled.set(schema, found);
  }
  return found ?? undefined;
}

function compile(schema: abstract new () => object): Compiled | undefined {
  const metadataStorage = getMetadataStorage() as unknown as MetadataStorageView;
  // As validateSync asks with the catalogue's options: no groups, not `always`, not strict groups.
  const metadatas = metadataStorage.getTargetValidationMetadatas(schema, '', false, false, undefined);
  // No metadata: validateSync reports an unknown value (forbidUnknownValues), never valid.
  if (metadatas.length === 0) return undefined;
  const properties = new Map<string, PropertyCheck>();
  for (const metadata of metadatas) {
    if (!MODELLED.has(metadata.type)) return undefined;
    if (metadata.always !== undefined || (metadata.groups && metadata.groups.length > 0)) return undefined;
    let property = properties.get(metadata.propertyName);
    if (!property) {
      property = { name: metadata.propertyName, conditions: [], defined: [], custom: [], nested: false };
      properties.set(metadata.propertyName, property);
    }
    if (metadata.type === CONDITIONAL) {
      const condition = metadata.constraints[0];
      if (typeof condition !== 'function') return undefined;
      property.conditions.push(condition as (object: object, value: unknown) => unknown);
    } else if (metadata.type === NESTED) {
      property.nested = true;
    } else {
      const constraints = metadataStorage.getTargetValidatorConstraints(metadata.constraintCls);
      for (const constraint of constraints) {
        if (constraint.async) return undefined;
        const instance = constraint.instance;
        const target = metadata.type === DEFINED ? property.defined : property.custom;
        target.push({ validate: (value, args) => instance.validate(value, args), metadata });
      }
    }
  }
  const checks = [...properties.values()];
  const allowed = new Set(properties.keys());
  const check: SchemaCheck = (instance) => {
    const object = instance as Record<string, unknown>;
    // whitelist + forbidNonWhitelisted: a property without any metadata is an error.
    for (const key of Object.keys(object)) if (!allowed.has(key)) return false;
    for (const property of checks) {
      if (!propertyValid(object, property)) return false;
    }
    return true;
  };
  return { check, nested: checks.some((property) => property.nested) };
}

function propertyValid(object: Record<string, unknown>, property: PropertyCheck): boolean {
  const value = object[property.name];
  // A conditional (IsOptional, ValidateIf) that does not hold skips every other check.
  for (const condition of property.conditions) if (!condition(object, value)) return true;
  if (!constraintsHold(object, value, property.defined)) return false;
  if (!constraintsHold(object, value, property.custom)) return false;
  return !property.nested || nestedValid(value);
}

function constraintsHold(object: object, value: unknown, constraints: readonly Constraint[]): boolean {
  for (const { validate, metadata } of constraints) {
    const args: ValidationArguments = {
      targetName: object.constructor ? object.constructor.name : '',
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    const collection = Array.isArray(value) || value instanceof Set || value instanceof Map;
    if (!metadata.each || !collection) {
      if (validate(value, args) !== true) return false;
      continue;
    }
    for (const element of elementsOf(value)) if (validate(element, args) !== true) return false;
  }
  return true;
}

function elementsOf(value: unknown[] | Set<unknown> | Map<unknown, unknown>): unknown[] {
  if (value instanceof Map) return Array.from(value.values());
  return Array.isArray(value) ? value : Array.from(value);
}

/** ValidateNested: an object is checked against its own class's metadata, a collection element-wise. */
function nestedValid(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    for (const element of value instanceof Set
      ? Array.from(value)
      : value instanceof Map
        ? value.values()
        : value) {
      if (!nestedValid(element) || element === undefined) return false;
    }
    return true;
  }
  if (!(value instanceof Object)) return false;
  const check = compiledSchemaCheck(value.constructor as abstract new () => object);
  return check !== undefined && check(value);
}
