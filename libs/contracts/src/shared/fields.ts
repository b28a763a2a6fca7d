// Field shapes several event types share. Identifiers are bounded strings; free-form structures
// (authorization_details) are objects whose content the owning service validated before appending.
import { ArrayMaxSize, IsArray, IsISO8601, IsObject, IsString, Length, Matches } from 'class-validator';

function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

export const IsIdentifier = () => applyDecorators(IsString(), Matches(IDENTIFIER));
export const IsTimestamp = () => applyDecorators(IsISO8601({ strict: true }));
export const IsText = (max = 500) => applyDecorators(IsString(), Length(1, max));
export const IsIdentifierList = () =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Matches(IDENTIFIER, { each: true }),
  );
export const IsScopeList = () =>
  applyDecorators(IsArray(), ArrayMaxSize(50), IsString({ each: true }), Length(1, 100, { each: true }));
export const IsDetailList = () => applyDecorators(IsArray(), ArrayMaxSize(20), IsObject({ each: true }));
