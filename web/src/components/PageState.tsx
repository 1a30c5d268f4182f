import { Alert, Button, Empty, Spin } from 'antd';
import { ApiError } from '../api/client.js';
import { common } from '../i18n/common.js';
import { useLang, useT } from '../i18n/index.js';
import { Data } from './Data.js';
import type { ReactNode } from 'react';

/**
 * The message for an API error in the user's language. Refusals, unknown things and failures
 * get the words of the UI; a refusal of this particular request (a period the plan has no
 * targets for, a bad parameter) keeps the server's own reason, marked as Chinese text in English.
 */
export function useErrorText() {
  const t = useT(common);
  const { lang } = useLang();
  return (e: unknown): ReactNode => {
    if (!(e instanceof ApiError) || e.status >= 500 || e.code === 'SERVER')
      return t('error.SERVER');
    switch (e.code) {
      case 'SCOPE_DENIED':
      case 'NOT_FOUND':
      case 'PLAN_NOT_FOUND':
      case 'UNAUTHENTICATED':
      case 'NETWORK':
        return t(`error.${e.code}`);
      default: {
        const general =
          e.code === 'PERIOD_INVALID' ? t('error.PERIOD_INVALID') : t('error.request');
        if (!e.message) return general;
        return lang === 'zh' ? (
          e.message
        ) : (
          <>
            {general} <Data>{e.message}</Data>
          </>
        );
      }
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

/** What a page needs of a query to say how it stands. */
interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The state to show instead of the content: loading while any of the queries is, then the first
 * failed one's error with a retry; null once every query has answered.
 */
export function stateOf(...queries: QueryLike[]): ReactNode {
  if (queries.some((q) => q.isPending)) return <PageState loading />;
  const failed = queries.find((q) => q.isError);
  if (failed) return <PageState error={failed.error} onRetry={() => void failed.refetch()} />;
  return null;
}
