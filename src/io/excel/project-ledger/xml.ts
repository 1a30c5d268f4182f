import { SaxesParser } from 'saxes';

/** What a part reader does with each event; names are as written (prefix included). */
export interface XmlEvents {
  open(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** A part saxes finds not well-formed: the workbook is damaged (xlsx.ts says so to the user). */
export class NotWellFormed extends Error {}

/**
 * Streams one XML part through saxes (entities and CDATA decoded there). A part that is not
 * well-formed stops at saxes's first complaint and is refused: reading on would guess at the
 * cells the fault unbalances.
 */
export function readXml(xml: string, on: XmlEvents): void {
  if (xml === '') return;
  const parser = new SaxesParser({ xmlns: false, position: false } as const);
  parser.on('error', (e) => {
    throw new NotWellFormed(e.message);
  });
  parser.on('opentag', (tag) => on.open(tag.name, tag.attributes));
  const { close, text } = on;
  if (close) parser.on('closetag', (tag) => close.call(on, tag.name));
  if (text) {
    const add = text.bind(on);
    parser.on('text', add);
    parser.on('cdata', add);
  }
  parser.write(xml).close();
}
