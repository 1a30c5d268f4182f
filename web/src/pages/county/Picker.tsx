import { Select } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useRegions } from '../../api/queries.js';
import { Data } from '../../components/Data.js';
import { useUser } from '../../api/session.js';
import { useT } from '../../i18n/index.js';
import { useSelection } from '../../lib/selection.js';
import { m } from './messages.js';

/**
 * Another county's profile, chosen by name (type to search): the menu opens one county, and a
 * reader should not need the 擂台 to reach the next. A prefecture chooses among its counties; a
 * county user has only its own profile to read before publication, so it gets no picker.
 */
export function CountyPicker({ code }: { code: string }) {
  const t = useT(m);
  const user = useUser();
  const regions = useRegions();
  const navigate = useNavigate();
  const { search } = useSelection();
  if (user.role === 'county') return null;
  const byCode = new Map((regions.data ?? []).map((r) => [r.code, r]));
  const options = (regions.data ?? [])
    .filter((r) => r.level === 'county')
    .filter((r) => user.role !== 'prefecture' || r.parent === user.region)
    .map((r) => {
      const text = `${r.name} · ${byCode.get(r.parent ?? '')?.name ?? ''}`;
      // Names are data (marked as Chinese in an English page); the search reads the plain text.
      return { value: r.code, text, label: <Data>{text}</Data> };
    });
  return (
    <Select
      showSearch
      filterOption={(input, o) => !!o && o.text.includes(input.trim())}
      style={{ width: 240 }}
      value={options.some((o) => o.value === code) ? code : undefined}
      placeholder={t('pick')}
      aria-label={t('pick')}
      loading={regions.isPending}
      options={options}
      onChange={(next: string) => navigate(`/counties/${next}${search}`)}
      data-testid="county-picker"
    />
  );
}
