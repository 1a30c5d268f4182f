import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

// Whether the page on screen shows synthetic demo values: pages say so from the API's
// `synthetic` flag, the header tag and the page's banner follow.
const SyntheticContext = createContext<{ on: boolean; set: (on: boolean) => void }>({
  on: false,
  set: () => {},
});

export function SyntheticProvider({ children }: { children: ReactNode }) {
  const [on, set] = useState(false);
  return <SyntheticContext.Provider value={{ on, set }}>{children}</SyntheticContext.Provider>;
}

/** Put on a page whose values may be synthetic: a banner, and the header tag while it is shown. */
export function SyntheticBanner({ synthetic }: { synthetic: boolean | undefined }) {
  const t = useT(common);
  const { set } = useContext(SyntheticContext);
  useEffect(() => {
    set(!!synthetic);
    return () => set(false);
  }, [synthetic, set]);
  if (!synthetic) return null;
  return (
    <Alert
      type="warning"
      showIcon
      icon={<ExperimentOutlined />}
      title={t('syntheticHint')}
      style={{ marginBottom: 12 }}
      data-testid="synthetic-banner"
    />
  );
}

export function SyntheticTag() {
  const t = useT(common);
  const { on } = useContext(SyntheticContext);
  if (!on) return null;
  return (
    <Tag variant="solid" color="#ad4e00" icon={<ExperimentOutlined />} data-testid="synthetic-tag">
      {t('synthetic')}
    </Tag>
  );
}
