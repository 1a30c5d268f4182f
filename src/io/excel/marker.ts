/**
 * The template's hidden machine row starts its cells with this mark: `#leitai:code`,
 * `#leitai:name`, `#leitai:period=2026-09`, `#leitai:prev`, and a bare indicator code over each
 * input column. The importer trusts it over the printed header, so a template reads back exactly.
 */
export const MARK = '#leitai:';
