// What a config class says about each variable, from the same class-validator metadata that
// validates it at start-up: whether it is required, its default, what it accepts.
import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

export interface VariableFacts {
  name: string;
  /** 'yes', 'no', or 'conditional' (required together with another variable: see `accepts`). */
  required: 'yes' | 'no' | 'conditional';
  /** The value when unset, as an operator would write it; undefined when there is none. */
  defaultValue?: string;
  /** The validation messages: exactly what start-up prints for a bad value. */
  accepts: string[];
  /** Declared by this class (false: inherited, or only its default overridden here). */
  own: boolean;
}

function formatDefault(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(',');
  return String(value);
}

export function describeConfig(configClass: new () => object): Map<string, VariableFacts> {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  const defaults = new configClass() as Record<string, unknown>;
  const facts = new Map<string, VariableFacts>();
  for (const name of new Set(metadata.map((m) => m.propertyName))) {
    const own = metadata.filter((m) => m.propertyName === name);
    const defined = own.some((m) => m.type === 'isDefined');
    // ValidateIf registers a conditional validation without a name; IsOptional names itself.
    const conditional = own.some((m) => m.type === 'conditionalValidation' && m.name !== 'isOptional');
    const messages = own
      .filter((m) => typeof m.message === 'string' && m.message.length > 0)
      .sort((a, b) => Number(a.type === 'isDefined') - Number(b.type === 'isDefined'))
      .map((m) => m.message as string);
    facts.set(name, {
      name,
      required: defined ? (conditional ? 'conditional' : 'yes') : 'no',
      defaultValue: formatDefault(defaults[name]),
      accepts: [...new Set(messages)],
      own: own.some((m) => m.target === configClass),
    });
  }
  return facts;
}
