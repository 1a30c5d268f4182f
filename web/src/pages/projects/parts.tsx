import { Tag } from 'antd';
import { Data } from '../../components/Data.js';

/** 万元 as the ledger writes it, with thousands separators; the digits are never rounded. */
export function wan(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const [int = '', frac] = value.split('.');
  const sign = int.startsWith('-') ? '−' : '';
  const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}${frac ? `.${frac}` : ''}`;
}

/** 省重点, 绿电直连 … as tags: data words, outlined so their text keeps its contrast. */
export function FlagTags({ flags }: { flags: string[] }) {
  return (
    <>
      {flags.map((f) => (
        <Tag
          key={f}
          style={{ background: '#fff', color: '#0958d9', borderColor: '#0958d9', marginBlock: 1 }}
        >
          <Data>{f}</Data>
        </Tag>
      ))}
    </>
  );
}

export const isMonth = (period: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
