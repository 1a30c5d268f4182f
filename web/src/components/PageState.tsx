import { Alert, Button, Empty, Spin } from 'antd';
import { ApiError } from '../api/client.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

/** The message for an API error in the user's language: known codes translated, else the API's own words. */
export function useErrorText() {
  const t = useT(common);
  return (e: unknown): string => {
    if (!(e instanceof ApiError)) return t('error.SERVER');
    switch (e.code) {
      case 'SCOPE_DENIED':
      case 'NOT_FOUND':
      case 'PLAN_NOT_FOUND':
      case 'PERIOD_INVALID':
      case 'UNAUTHENTICATED':
      case 'NETWORK':
        return t(`error.${e.code}`);
      case 'INPUT_INVALID':
        return t('error.INPUT_INVALID', { message: e.message });
      default:
        return e.status >= 500 || e.code === 'SERVER'
          ? t('error.SERVER')
          : t('error.other', { message: e.message });
    }
  };
}

interface Props {
  loading?: boolean;
  error?: unknown;
  empty?: string | false;
  onRetry?: () => void;
}

/** Loading, error and empty states, the same on every page. */
export function PageState({ loading, error, empty, onRetry }: Props) {
  const t = useT(common);
  const errorText = useErrorText();
  if (loading)
    return (
      <div role="status" aria-live="polite" style={{ padding: 48, textAlign: 'center' }}>
        <Spin />
        <div style={{ marginTop: 12 }}>{t('loading')}</div>
      </div>
    );
  if (error)
    return (
      <Alert
        type={error instanceof ApiError && error.status === 403 ? 'warning' : 'error'}
        showIcon
        role="alert"
        title={t('error.title')}
        description={errorText(error)}
        action={
          onRetry ? (
            <Button size="small" onClick={onRetry}>
              {t('retry')}
            </Button>
          ) : undefined
        }
        style={{ margin: '24px 0' }}
      />
    );
  if (empty) return <Empty description={empty} style={{ padding: 32 }} />;
  return null;
}
