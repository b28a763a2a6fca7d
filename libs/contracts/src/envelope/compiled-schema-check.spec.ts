// The compiled payload check against class-validator itself, over every event schema of the
// catalogue: a valid payload is built for each from a pool of candidate values, then every field
// is replaced by every candidate, dropped, or joined by an unknown field. The compiled check must
// accept exactly what validateSync accepts (never more: it would let an invalid event through;
// never less: the consumers' hot path would fall back to the slow route).
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { grantlineCatalogue } from '../catalogue';
import { compiledSchemaCheck, plainPayloadCheck } from './compiled-schema-check';

type Schema = new () => object;
type Payload = Record<string, unknown>;

const STRICT = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

const GENERIC: unknown[] = [
  'tpp-1',
  'abc',
  '',
  ' ',
  'a b',
  'x'.repeat(201),
  'x'.repeat(501),
  '2026-12-07T06:00:00.000Z',
  '2026-12-07',
  'not a date',
  '0b9f3c1e-5d2a-4c8e-9f1a-2b3c4d5e6f70',
  'A'.repeat(43),
  '10.00',
  '10.123456',
  'GBP',
  'gbp',
  1,
  0,
  -1,
  1.5,
  1001,
  true,
  null,
  undefined,
  [],
  ['a'],
  ['tpp-1', 'abc'],
  [''],
  [1],
  Array.from({ length: 101 }, () => 'a'),
  {},
  { a: 1 },
  [{}],
  [{ type: 'x' }],
  [null],
  Array.from({ length: 21 }, () => ({})),
];

function propertiesOf(schema: Schema): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(schema, '', false, false, undefined);
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

/** The allowed values IsIn names for a property, as candidates. */
function listedValues(schema: Schema, property: string): unknown[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(schema, '', false, false, undefined)
    .filter((metadata) => metadata.propertyName === property && Array.isArray(metadata.constraints?.[0]))
    .flatMap((metadata) => metadata.constraints[0] as unknown[]);
}

/** The class @Type gives a property's objects, found the way class-transformer applies it. */
function nestedSchemaOf(schema: Schema, property: string): Schema | undefined {
  const converted = (plainToInstance(schema, { [property]: {} }) as Payload)[property];
  const constructor = (converted as object | undefined)?.constructor;
  return constructor && constructor !== Object ? (constructor as Schema) : undefined;
}

const verdict = (schema: Schema, payload: Payload) => validateSync(plainToInstance(schema, payload), STRICT);

function candidatesFor(schema: Schema, property: string): unknown[] {
  const nested = nestedSchemaOf(schema, property);
  const own = nested ? [validPayload(nested), ...variants(nested, validPayload(nested)).slice(0, 40)] : [];
  return [...listedValues(schema, property), ...own, ...GENERIC];
}

function validPayload(schema: Schema): Payload {
  const payload: Payload = {};
  for (const property of propertiesOf(schema)) {
    const fits = candidatesFor(schema, property).find(
      (candidate) =>
        !verdict(schema, { ...payload, [property]: candidate }).some((error) => error.property === property),
    );
    if (fits !== undefined) payload[property] = fits;
  }
  expect({ schema: schema.name, errors: verdict(schema, payload).map((error) => error.property) }).toEqual({
    schema: schema.name,
    errors: [],
  });
  return payload;
}

function variants(schema: Schema, base: Payload): Payload[] {
  const cases: Payload[] = [base, { ...base, unknownField: 'x' }];
  for (const property of propertiesOf(schema)) {
    const { [property]: _dropped, ...without } = base;
    cases.push(without);
    for (const candidate of candidatesFor(schema, property)) cases.push({ ...base, [property]: candidate });
  }
  return cases;
}

describe('the compiled payload check', () => {
  it('compiles every event schema of the catalogue', () => {
    const uncompiled = grantlineCatalogue.definitions
      .filter((definition) => !compiledSchemaCheck(definition.schema))
      .map((definition) => definition.type);
    expect(uncompiled).toEqual([]);
  });

  /** Both verdicts over every variant of a schema's valid payload; throws on the first difference. */
  function compare(schema: Schema): { accepted: number; refused: number } {
    let accepted = 0;
    let refused = 0;
    for (const payload of variants(schema, validPayload(schema))) {
      const instance = plainToInstance(schema, payload);
      const valid = validateSync(instance, STRICT).length === 0;
      const compiled = compiledSchemaCheck(schema)?.(instance) === true;
      const plain = plainPayloadCheck(schema);
      if (plain) {
        // Used before class-transformer: it must agree, and class-transformer must change nothing.
        expect({ schema: schema.name, payload, plain: plain(payload) }).toEqual({
          schema: schema.name,
          payload,
          plain: valid,
        });
        expect(JSON.stringify(instance)).toBe(JSON.stringify(payload));
        expect(Object.keys(instance)).toEqual(Object.keys(payload));
      }
      if (compiled !== valid) {
        throw new Error(
          `${schema.name}: class-validator says ${valid ? 'valid' : 'invalid'}, the compiled check ${compiled ? 'valid' : 'invalid'} for ${JSON.stringify(payload)}`,
        );
      }
      if (valid) accepted++;
      else refused++;
    }
    return { accepted, refused };
  }

  it('accepts exactly what class-validator accepts, for every field of every event schema', () => {
    let accepted = 0;
    let refused = 0;
    for (const definition of grantlineCatalogue.definitions) {
      const counts = compare(definition.schema as Schema);
      accepted += counts.accepted;
      refused += counts.refused;
    }
    // Both verdicts were exercised in earnest.
    expect(accepted).toBeGreaterThan(grantlineCatalogue.definitions.length * 3);
    expect(refused).toBeGreaterThan(grantlineCatalogue.definitions.length * 10);
  });

  it('agrees with class-validator on IsDefined, ValidateIf, IsOptional over IsDefined, and nested lists', () => {
    class Leaf {
      @IsString() @Length(1, 3) name!: string;
    }
    class Probe {
      @IsDefined() @IsIn(['a', 'b']) kind!: string;
      @IsDefined() anything!: unknown;
      @ValidateIf((probe: Probe) => probe.kind === 'a') @IsString() label?: string;
      @IsOptional() @IsDefined() @IsString() note?: string;
      @IsOptional() @ValidateNested({ each: true }) @Type(() => Leaf) leaves?: Leaf[];
    }
    expect(plainPayloadCheck(Probe)).toBeUndefined(); // nested: class-transformer builds Leaf
    const { accepted, refused } = compare(Probe);
    expect(accepted).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(20);
  });

  it('is not compiled for a class without validation metadata (validateSync reports an unknown value)', () => {
    class Bare {}
    expect(compiledSchemaCheck(Bare)).toBeUndefined();
  });
});
