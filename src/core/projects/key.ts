/** Whitespace (half and full width) out: how one project is known across rows, files and months. */
export const nameKey = (name: string) => name.replace(/[\s\u3000]+/g, '');
