import { Tag } from 'antd';
import type { Status, TargetText } from '../api/types.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { STATUS_COLOUR } from './StatusTag.js';

/**
 * A target's 属性 beside its phrase: 约束性 / 预期性 (binding / expected), nothing when the plan
 * prints none. A binding target not met is drawn in 未完成's red (UI.md: red = needs attention);
 * otherwise the tag is a neutral outline, its word carrying the meaning.
 */
export function AttributeTag({
  attribute,
  status,
}: {
  attribute: TargetText['attribute'];
  status?: Status;
}) {
  const t = useT(common);
  if (!attribute) return null;
  const alert = attribute === 'binding' && status === 'not_met';
  const colour = alert ? STATUS_COLOUR.not_met : attribute === 'binding' ? '#262626' : '#595959';
  return (
    <Tag
      variant="outlined"
      data-testid="attribute-tag"
      style={{ color: colour, borderColor: colour, marginInlineStart: 6, marginInlineEnd: 0 }}
    >
      {t(`attribute.${attribute}`)}
    </Tag>
  );
}
