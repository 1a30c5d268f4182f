import { Button, Result } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';

export function NotFoundPage() {
  const t = useT(common);
  const { pathname } = useLocation();
  return (
    <Result
      status="404"
      title={t('notFoundTitle')}
      subTitle={t('notFoundText', { path: pathname })}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
