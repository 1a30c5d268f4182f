/**
 * Characters that change what a cell appears to say without being seen: NUL and the other C0
 * controls (tab and line breaks aside), DEL, and the bidirectional marks and overrides
 * (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) that can make 230183 display as 381032.
 */
const HIDDEN = new RegExp(
  '[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]',
);

/** Why an identifying text (region, indicator, period, name) is refused, or null when clean. */
export function hiddenTextProblem(text: string): string | null {
  const m = HIDDEN.exec(text);
  if (!m) return null;
  const code = `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `含有不可见的控制字符 ${code}(NUL 或双向文本控制符),请删除后重新上传 (hidden control character)`;
}
