// The fields an event schema declares, read from its class-validator decorators (and, for
// @ValidateNested fields, the property's design type): what the masking policy must decide about.
import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

export interface SchemaField {
  name: string;
  /** The nested schema, for @ValidateNested fields. */
  nested?: new () => object;
}

export function schemaFields(schema: new () => object): SchemaField[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(schema, '', true, false);
  const names = [...new Set(metadata.map((entry) => entry.propertyName))];
  return names.map((name) => {
    const nested = metadata.some((entry) => entry.propertyName === name && entry.type === 'nestedValidation');
    const type: unknown = nested ? Reflect.getMetadata('design:type', schema.prototype, name) : undefined;
    return {
      name,
      nested: typeof type === 'function' && type !== Object ? (type as new () => object) : undefined,
    };
  });
}
