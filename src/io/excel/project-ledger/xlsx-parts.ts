import { readXml } from './xml.js';

/** The text of a string item (<si>, or a cell's <is>): every <t>, phonetic runs (<rPh>) left out. */
export class ItemText {
  text = '';
  private inT = false;
  private phonetic = 0;

  open(name: string): void {
    if (name === 't') this.inT = this.phonetic === 0;
    else if (name === 'rPh') this.phonetic++;
  }

  close(name: string): void {
    if (name === 't') this.inT = false;
    else if (name === 'rPh') this.phonetic--;
  }

  add(text: string): void {
    if (this.inT) this.text += text;
  }
}

export function sharedStrings(xml: string): string[] {
  const list: string[] = [];
  let item: ItemText | undefined;
  readXml(xml, {
    open(name) {
      if (name === 'si') item = new ItemText();
      else item?.open(name);
    },
    close(name) {
      if (name !== 'si') return item?.close(name);
      if (item) list.push(item.text);
      item = undefined;
    },
    text: (t) => item?.add(t),
  });
  return list;
}

export interface WorkbookSheets {
  date1904: boolean;
  /** Each sheet's name and relationship id, in the workbook's order. */
  sheets: { name: string; id: string | undefined }[];
}

export function workbookSheets(xml: string): WorkbookSheets {
  const book: WorkbookSheets = { date1904: false, sheets: [] };
  readXml(xml, {
    open(name, attrs) {
      if (name === 'sheet') book.sheets.push({ name: attrs.name ?? '', id: attrs['r:id'] });
      else if (name === 'workbookPr')
        book.date1904 = attrs.date1904 === '1' || attrs.date1904 === 'true';
    },
  });
  return book;
}

/** Relationship id to target part. */
export function relationships(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  readXml(xml, {
    open(name, attrs) {
      if (name === 'Relationship' && attrs.Id !== undefined && attrs.Target !== undefined)
        map.set(attrs.Id, attrs.Target);
    },
  });
  return map;
}
