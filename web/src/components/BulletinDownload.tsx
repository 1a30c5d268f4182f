import { DownOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState, type ReactNode } from 'react';
import { ApiError, apiFile, type Query } from '../api/client.js';
import { defineMessages, useLang, useT } from '../i18n/index.js';
import { saveBlob } from '../lib/download.js';
import { Data } from './Data.js';
import { useErrorText } from './PageState.js';

/** The bulletin's files (GET /api/bulletins?format=), in the order they are offered. */
export type BulletinFormat = 'docx' | 'pdf' | 'xlsx';
export const BULLETIN_FORMATS: readonly BulletinFormat[] = ['docx', 'pdf', 'xlsx'];
/** The programs' names, the same in both languages. */
export const FORMAT_NAMES: Record<BulletinFormat, string> = {
  docx: 'Word',
  pdf: 'PDF',
  xlsx: 'Excel',
};

const m = defineMessages({
  zh: {
    download: '下载通报',
    making: '正在生成通报…',
    docx: 'Word 文档 (.docx)',
    pdf: 'PDF 文件 (.pdf)',
    xlsx: 'Excel 表格 (.xlsx)',
    fileName: '县域经济运行情况通报',
    refused: '无法下载通报:',
  },
  en: {
    download: 'Download bulletin',
    making: 'Making the bulletin…',
    docx: 'Word document (.docx)',
    pdf: 'PDF file (.pdf)',
    xlsx: 'Excel workbook (.xlsx)',
    fileName: 'bulletin',
    refused: 'The bulletin cannot be downloaded:',
  },
});

/**
 * The message for a failed download: a refusal keeps the server's own reason (it says why and what
 * to choose instead); failures and expired sessions get the UI's words.
 */
function useDownloadError() {
  const t = useT(m);
  const { lang } = useLang();
  const general = useErrorText();
  return (e: unknown): ReactNode => {
    if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500 || e.status === 401)
      return general(e);
    if (!e.message) return general(e);
    return lang === 'zh' ? (
      e.message
    ) : (
      <>
        {t('refused')} <Data>{e.message}</Data>
      </>
    );
  };
}

/**
 * Downloads files the API makes, one at a time: fetched (so a refusal shows as a message, not as a
 * page), then saved under the name the server gives. `busy` is the key of the one being made.
 */
export function useFileDownload() {
  const { message } = App.useApp();
  const errorText = useDownloadError();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async (key: string, path: string, query: Query, fallbackName: string) => {
    setBusy(key);
    try {
      const file = await apiFile(path, { query });
      saveBlob(file.blob, file.fileName ?? fallbackName);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

/**
 * "下载通报": the bulletin of the plan and period on screen, made now from what the user may see,
 * as Word, PDF or Excel. No scope is sent: the server gives a prefecture its own bulletin.
 */
export function BulletinDownload({ plan, period }: { plan: string; period: string }) {
  const t = useT(m);
  const { busy, run } = useFileDownload();
  const download = (format: BulletinFormat) =>
    void run(
      format,
      '/bulletins',
      { plan, period, format },
      `${t('fileName')}-${plan}-${period}.${format}`,
    );
  return (
    <Dropdown
      trigger={['click']}
      disabled={busy !== null}
      menu={{
        items: BULLETIN_FORMATS.map((f) => ({ key: f, label: t(f) })),
        onClick: ({ key }) => download(key as BulletinFormat),
      }}
    >
      <Button icon={<FileTextOutlined />} loading={busy !== null} data-testid="bulletin-download">
        {busy ? t('making') : t('download')}
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
