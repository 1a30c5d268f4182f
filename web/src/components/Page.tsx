import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useUser } from '../api/session.js';
import { common } from '../i18n/common.js';
import { useT } from '../i18n/index.js';
import { mayOpen, type View } from '../lib/access.js';
import { useSelection } from '../lib/selection.js';
import { PageState } from './PageState.js';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

interface Props {
  view: View;
  title: ReactNode;
  crumbs?: Crumb[];
  extra?: ReactNode;
  /**
   * What the page waits for: a plan and a period with data (the views of results, the default),
   * only a plan (data entry: a county must be able to enter its first month), or nothing (plans,
   * users). A page that does not wait gets '' for what is not chosen yet.
   */
  needs?: 'period' | 'plan' | 'nothing';
  /** The page's body, given the selected plan and period once what it needs is known. */
  children: (sel: { plan: string; period: string }) => ReactNode;
}

/**
 * The frame of a view: refusal for a role that may not open it, the title and breadcrumbs, and
 * the wait for the plan and period. Pages never see an undefined selection.
 */
export function Page({ view, title, crumbs, extra, needs = 'period', children }: Props) {
  const user = useUser();
  const t = useT(common);
  const sel = useSelection();
  let body: ReactNode;
  if (!mayOpen(user.role, view))
    body = (
      <div role="alert">
        <Typography.Title level={4}>{t('forbiddenTitle')}</Typography.Title>
        <Typography.Paragraph>{t('forbiddenText')}</Typography.Paragraph>
      </div>
    );
  else if (sel.error) body = <PageState error={sel.error} />;
  else if (sel.pending) body = <PageState loading />;
  else if (needs === 'nothing') body = children({ plan: sel.plan ?? '', period: sel.period ?? '' });
  else if (!sel.plan || (needs === 'period' && !sel.period))
    body = <PageState empty={t('empty')} />;
  else body = children({ plan: sel.plan, period: sel.period ?? '' });
  return (
    <section>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c) => ({
            title: c.to ? <Link to={c.to + sel.search}>{c.title}</Link> : c.title,
          }))}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {body}
    </section>
  );
}
