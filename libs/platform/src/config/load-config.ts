// Configuration is a class validated at start-up: a bad value stops the process with one
// line naming the variable. Values are never echoed, because DATABASE_URL and keys are secrets.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';

export type Environment = Record<string, string | undefined>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Invalid configuration: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** The variables a config class declares: every property that carries a class-validator decorator. */
export function declaredVariables(configClass: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

export function loadConfig<T extends object>(configClass: new () => T, env: Environment = process.env): T {
  const given: Record<string, string> = {};
  for (const variable of declaredVariables(configClass)) {
    const value = env[variable];
    if (value !== undefined && value !== '') given[variable] = value;
  }
  const config = plainToInstance(configClass, given, { exposeDefaultValues: true });
  const [first] = validateSync(config, { forbidUnknownValues: true });
  if (first) throw configErrorFrom(first);
  return config;
}

function configErrorFrom(error: ValidationError): ConfigError {
  const constraints = error.constraints ?? {};
  const problem = constraints['isDefined'] ?? Object.values(constraints)[0] ?? `${error.property} is invalid`;
  return new ConfigError(error.property, problem);
}
