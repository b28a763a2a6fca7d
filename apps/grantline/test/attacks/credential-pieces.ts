// What of a credential could reach a log line: the whole value, its URL-encoded form, a JWT's
// claims and signature segments (its header is public and shared by every token of that key), and
// any 16-character run of an opaque value or a signature (a log truncating or splitting it).

const WINDOW = 16;

function windows(value: string): string[] {
  if (value.length <= WINDOW) return [value];
  const pieces: string[] = [];
  for (let start = 0; start + WINDOW <= value.length; start += WINDOW / 2)
    pieces.push(value.slice(start, start + WINDOW));
  return pieces;
}

export function credentialPieces(value: string): string[] {
  const pieces = new Set([value, encodeURIComponent(value)]);
  const segments = value.split('.');
  if (segments.length === 3 && segments.every((segment) => /^[A-Za-z0-9_-]*$/.test(segment))) {
    const [, claims, signature] = segments;
    if (claims) pieces.add(claims);
    for (const piece of windows(signature)) pieces.add(piece);
  } else {
    for (const piece of windows(value)) pieces.add(piece);
  }
  return [...pieces].filter((piece) => piece.length >= 8);
}
