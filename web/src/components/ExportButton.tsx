import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { exportXlsx, type ExportSheet } from '../lib/export.js';

/**
 * Exports a table as the user sees it; `sheet` is built only when clicked. With `synthetic`, the
 * caption's last line says the values are synthetic demo data.
 */
export function ExportButton<R>({
  fileName,
  sheet,
  disabled,
  synthetic,
}: {
  fileName: string;
  sheet: () => ExportSheet<R>;
  disabled?: boolean;
  synthetic?: boolean;
}) {
  const t = useT(common);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const built = sheet();
      await exportXlsx(
        fileName,
        synthetic ? { ...built, caption: [...(built.caption ?? []), t('syntheticHint')] } : built,
      );
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={disabled}
      onClick={() => void run()}
    >
      {busy ? t('exporting') : t('exportXlsx')}
    </Button>
  );
}
