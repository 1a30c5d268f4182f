import { Alert, Button, Result, Space } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.js';
import { useEvaluation, useRegionSight, useRegions, type Selected } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import type { Region } from '../../api/types.js';
import { Data } from '../../components/Data.js';
import { Page } from '../../components/Page.js';
import { PageState } from '../../components/PageState.js';
import { SyntheticBanner } from '../../components/Synthetic.js';
import { useLang, useT } from '../../i18n/index.js';
import { mayOpen } from '../../lib/access.js';
import { periodText } from '../../lib/format.js';
import { useSelection } from '../../lib/selection.js';
import { Quality, Warnings } from './Findings.js';
import { Header } from './Header.js';
import { CountyPicker } from './Picker.js';
import { History } from './History.js';
import { Ledgers } from './Ledgers.js';
import { m } from './messages.js';
import { withNodes } from './parts.js';
import { Targets } from './Targets.js';

function BackToRanking() {
  const t = useT(m);
  const { search } = useSelection();
  return (
    <Link to={`/ranking${search}`}>
      <Button type="primary">{t('backToRanking')}</Button>
    </Link>
  );
}

/** A code that names no county, or a region that is not one: say so, and lead back. */
function NotACounty({ code, region }: { code: string; region: Region | undefined }) {
  const t = useT(m);
  return (
    <Result
      status="warning"
      title={t('unknownTitle')}
      subTitle={
        region
          ? withNodes(t('notCountyText'), { name: <Data>{region.name}</Data> })
          : t('unknownText', { code })
      }
      extra={<BackToRanking />}
      data-testid="county-unknown"
    />
  );
}

/** The server refused the county's data of this period: say why, never show its numbers. */
function Refused({ period }: { period: string }) {
  const t = useT(m);
  const { lang } = useLang();
  const user = useUser();
  const { search } = useSelection();
  const own = user.role === 'county' && user.region ? user.region : null;
  const when = periodText(period, lang);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={t('refusedTitle')}
      description={
        own ? t('refusedText', { period: when }) : t('refusedTextPlain', { period: when })
      }
      action={
        own ? (
          <Link to={`/counties/${own}${search}`}>
            <Button size="small">{t('ownProfile')}</Button>
          </Link>
        ) : undefined
      }
      style={{ margin: '24px 0' }}
      data-testid="county-refused"
    />
  );
}

/** The profile once the server has said the reader may see the county in this period. */
function Profile({ sel, region, regions }: { sel: Selected; region: Region; regions: Region[] }) {
  const t = useT(m);
  const user = useUser();
  const code = region.code;
  const ev = useEvaluation(sel, { region: code });
  if (ev.isPending) return <PageState loading />;
  if (ev.isError) return <PageState error={ev.error} onRetry={() => void ev.refetch()} />;
  const data = ev.data;
  if (!(code in data.categories))
    return (
      <Result
        status="info"
        title={t('notInPlanTitle')}
        subTitle={withNodes(t('notInPlanText'), { name: <Data>{region.name}</Data> })}
        extra={<BackToRanking />}
        data-testid="county-not-in-plan"
      />
    );
  const prefecture = regions.find((r) => r.code === region.parent);
  // No target of the county this period: no ranking and no history to ask for (Targets says why).
  const targeted = data.results.some((r) => r.region === code);
  return (
    <>
      <SyntheticBanner synthetic={data.synthetic} />
      <Header sel={sel} code={code} prefecture={prefecture} ev={data} ranked={targeted} />
      <Targets ev={data} code={code} period={sel.period} countyName={region.name} />
      {targeted && <History sel={sel} code={code} />}
      <Ledgers sel={sel} code={code} />
      <Warnings sel={sel} code={code} />
      {mayOpen(user.role, 'quality') && <Quality sel={sel} code={code} />}
    </>
  );
}

/** Known county? May the reader see it in this period? Then the profile. */
function Gate({ sel, code }: { sel: Selected; code: string }) {
  const regions = useRegions();
  const region = regions.data?.find((r) => r.code === code);
  const county = region?.level === 'county';
  const sight = useRegionSight(sel.period, code, county);
  if (regions.isPending) return <PageState loading />;
  if (regions.isError)
    return <PageState error={regions.error} onRetry={() => void regions.refetch()} />;
  if (!region || !county) return <NotACounty code={code} region={region} />;
  if (sight.isPending) return <PageState loading />;
  if (sight.isError) {
    const e = sight.error;
    if (e instanceof ApiError && e.code === 'SCOPE_DENIED') return <Refused period={sel.period} />;
    if (e instanceof ApiError && e.code === 'NOT_FOUND')
      return <NotACounty code={code} region={undefined} />;
    return <PageState error={e} onRetry={() => void sight.refetch()} />;
  }
  return <Profile sel={sel} region={region} regions={regions.data!} />;
}

export default function CountyPage() {
  const { code = '' } = useParams();
  const t = useT(m);
  const regions = useRegions();
  const region = regions.data?.find((r) => r.code === code && r.level === 'county');
  const name: ReactNode = region ? <Data>{region.name}</Data> : null;
  return (
    <Page
      view="county"
      title={
        name ? (
          <Space size={8}>
            {name}
            <span style={{ fontWeight: 400, fontSize: '0.75em' }}>{t('title')}</span>
          </Space>
        ) : (
          t('title')
        )
      }
      crumbs={[{ title: t('crumbRanking'), to: '/ranking' }, { title: name ?? t('title') }]}
      extra={<CountyPicker code={code} />}
    >
      {/* A new county or period is a new profile: no answer of the last one stays on screen. */}
      {(sel) => <Gate key={`${code}|${sel.plan}|${sel.period}`} sel={sel} code={code} />}
    </Page>
  );
}
