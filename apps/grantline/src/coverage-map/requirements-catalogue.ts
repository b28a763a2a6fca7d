// The requirements catalogue (docs/security/requirements.md) read as data: every requirement's ID,
// whether it is a MUST, its text and the section it sits in.

export interface Requirement {
  id: string;
  must: boolean;
  section: string;
  text: string;
}

const REQUIREMENT_LINE = /^- ([A-Z]+-\d+)( MUST)?[^:]*: (.*)$/;
const SECTION_LINE = /^## (.+)$/;

export function parseRequirements(markdown: string): Requirement[] {
  const requirements: Requirement[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = SECTION_LINE.exec(line);
    if (heading) section = heading[1].trim();
    const match = REQUIREMENT_LINE.exec(line);
    if (match) requirements.push({ id: match[1], must: Boolean(match[2]), section, text: match[3].trim() });
  }
  const ids = requirements.map((requirement) => requirement.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`requirements catalogue: ${duplicate} appears twice`);
  return requirements;
}

/** The requirement's first sentence, for a heading: the full text follows it in the map. */
export function shortText(text: string, limit = 110): string {
  const sentence = text.split(/(?<=[.;])\s/)[0].replace(/[.;]$/, '');
  return sentence.length <= limit ? sentence : `${sentence.slice(0, limit - 1).trimEnd()}…`;
}
