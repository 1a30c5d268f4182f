import { Flex, Segmented } from 'antd';
import type { CSSProperties } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CountyChoice } from '../api/types.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

/** Which counties a view covers (?counties=all: every county of the register with data). */
export function useCountyChoice(): [CountyChoice, (c: CountyChoice) => void] {
  const [params, setParams] = useSearchParams();
  const counties: CountyChoice = params.get('counties') === 'all' ? 'all' : 'plan';
  const set = (c: CountyChoice) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (c === 'all') n.set('counties', 'all');
        else n.delete('counties');
        return n;
      },
      { replace: true },
    );
  return [counties, set];
}

/**
 * The switch between the plan's counties and all counties, shown only where there is a choice:
 * the server counts counties with data outside the plan's own (`others`), or all are shown.
 */
export function CountyScopeSwitch({
  others,
  value,
  onChange,
  style,
}: {
  others: number | undefined;
  value: CountyChoice;
  onChange: (c: CountyChoice) => void;
  style?: CSSProperties;
}) {
  const t = useT(common);
  if (value !== 'all' && !(others && others > 0)) return null;
  return (
    <Flex align="center" gap={6} data-testid="county-scope" style={style}>
      <span id="county-scope-label">{t('counties.scope')}</span>
      <Segmented<CountyChoice>
        size="small"
        aria-labelledby="county-scope-label"
        value={value}
        onChange={onChange}
        options={[
          { value: 'plan', label: t('counties.plan') },
          { value: 'all', label: t('counties.all') },
        ]}
      />
    </Flex>
  );
}
