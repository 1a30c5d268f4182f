import {
  AimOutlined,
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FormOutlined,
  LogoutOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Select, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useSignOut, useUser } from '../api/session.js';
import { usePlan, useRegions } from '../api/queries.js';
import type { Region, User } from '../api/types.js';
import { common } from '../i18n/common.js';
import { useLang, useT } from '../i18n/index.js';
import { viewsOf, type View } from '../lib/access.js';
import { periodText } from '../lib/format.js';
import { useSelection } from '../lib/selection.js';
import { Data } from './Data.js';
import { SyntheticTag } from './Synthetic.js';

// Only county users get reminders: their code stays out of everyone's first page.
const ReminderBadge = lazy(async () => ({
  default: (await import('./Reminders.js')).ReminderBadge,
}));

const ICONS: Record<View, ReactNode> = {
  dashboard: <DashboardOutlined />,
  map: <EnvironmentOutlined />,
  ranking: <TrophyOutlined />,
  county: <ProfileOutlined />,
  indicators: <BarChartOutlined />,
  warnings: <AlertOutlined />,
  quality: <SafetyCertificateOutlined />,
  completeness: <CheckSquareOutlined />,
  bulletins: <FileTextOutlined />,
  entry: <FormOutlined />,
  review: <AuditOutlined />,
  plans: <ReadOutlined />,
  projects: <ProjectOutlined />,
  tasks: <ScheduleOutlined />,
  industries: <ShopOutlined />,
  regions: <ClusterOutlined />,
  users: <TeamOutlined />,
};

interface Defaults {
  county: string | undefined;
  indicator: string | undefined;
}

/** Where a view's menu entry leads; views of one thing (a county, an indicator) open a default one. */
export function viewPath(view: View, d: Defaults): string {
  switch (view) {
    case 'dashboard':
      return '/';
    case 'county':
      return d.county ? `/counties/${d.county}` : '/';
    case 'indicators':
      return d.indicator ? `/indicators/${d.indicator}` : '/';
    case 'regions':
    case 'users':
      return `/admin/${view}`;
    default:
      return `/${view}`;
  }
}

/** The user's own county, the first of their prefecture, or the first county of the register. */
function defaultCounty(user: User, regions: readonly Region[] | undefined): string | undefined {
  if (user.role === 'county' && user.region) return user.region;
  const counties = (regions ?? []).filter((r) => r.level === 'county');
  if (user.role === 'prefecture') return counties.find((r) => r.parent === user.region)?.code;
  return counties[0]?.code;
}

function viewOfPath(path: string): View | undefined {
  if (path === '/') return 'dashboard';
  const [, first, second] = path.split('/');
  if (first === 'counties') return 'county';
  if (first === 'admin') return (['regions', 'users'] as const).find((v) => v === second);
  return (
    [
      'map',
      'ranking',
      'indicators',
      'warnings',
      'quality',
      'completeness',
      'bulletins',
      'entry',
      'review',
      'plans',
      'projects',
      'tasks',
      'industries',
    ] as const
  ).find((v) => v === first);
}

function Selectors() {
  const sel = useSelection();
  const { lang } = useLang();
  const t = useT(common);
  return (
    <Space size={8} wrap>
      <Select
        aria-label={t('plan')}
        style={{ width: 260 }}
        value={sel.plan}
        loading={sel.pending}
        onChange={sel.setPlan}
        options={sel.plans.map((p) => ({
          value: p.id,
          label: (
            <Data>{`${p.period.start === p.period.end ? p.period.start : `${p.period.start}–${p.period.end}`} ${p.title}`}</Data>
          ),
        }))}
        popupMatchSelectWidth={false}
      />
      <Select
        aria-label={t('period')}
        style={{ width: 210 }}
        value={sel.period}
        loading={sel.pending}
        onChange={sel.setPeriod}
        options={[
          // A period named in the URL but not among those with data still reads as a period.
          ...(sel.period && !sel.periods.some((p) => p.period === sel.period)
            ? [{ value: sel.period, label: periodText(sel.period, lang) }]
            : []),
          ...sel.periods.map((p) => ({
            value: p.period,
            label: `${periodText(p.period, lang)}${p.published ? '' : ` · ${t('unpublished')}`}`,
          })),
        ]}
        popupMatchSelectWidth={false}
      />
    </Space>
  );
}

/** The frame around every signed-in page: top bar, role navigation, content. */
export function Shell({ children }: { children: ReactNode }) {
  const user = useUser();
  const t = useT(common);
  const { lang, setLang } = useLang();
  const signOut = useSignOut();
  const sel = useSelection();
  const location = useLocation();
  const current = viewOfPath(location.pathname);
  const regions = useRegions();
  const plan = usePlan(sel.plan);
  const defaults = {
    county: defaultCounty(user, regions.data),
    indicator:
      plan.data?.targets.find((x) => x.scope === 'all')?.indicator ??
      plan.data?.targets[0]?.indicator,
  };
  const items = viewsOf(user.role).map((v) => ({
    key: v,
    icon: ICONS[v],
    label: <Link to={viewPath(v, defaults) + sel.search}>{t(`nav.${v}`)}</Link>,
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          padding: '0 16px',
          height: 'auto',
          lineHeight: 'normal',
        }}
      >
        <Flex align="center" justify="space-between" gap={12} wrap style={{ minHeight: 56 }}>
          <Space size={12} wrap>
            <Link to={`/${sel.search}`} style={{ color: '#cf1322', fontWeight: 700, fontSize: 20 }}>
              <AimOutlined /> {t('appName')}
            </Link>
            <Selectors />
            <SyntheticTag />
          </Space>
          <Space size={8} wrap>
            {user.role === 'county' && (
              <Suspense fallback={null}>
                <ReminderBadge />
              </Suspense>
            )}
            <Button
              type="text"
              onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
              data-testid="lang-switch"
            >
              {t('language')}
            </Button>
            <Typography.Text>
              <Data>{user.displayName}</Data>
              <Tag style={{ marginInlineStart: 6 }}>{t(`role.${user.role}`)}</Tag>
            </Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              {t('signOut')}
            </Button>
          </Space>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={176} theme="light" breakpoint="lg" collapsedWidth={56}>
          <nav aria-label={t('appName')}>
            <Menu
              mode="inline"
              selectedKeys={current ? [current] : []}
              items={items}
              style={{ borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
