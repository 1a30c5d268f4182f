import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, setCsrf } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { common } from '../../i18n/common.js';
import { defineMessages, useLang, useT } from '../../i18n/index.js';
import { homeOf } from '../../lib/access.js';

const m = defineMessages({
  zh: {
    title: '登录',
    username: '用户名',
    password: '密码',
    submit: '登录',
    required: '请输入{field}',
    failed: '用户名或密码不正确,或账号已停用。',
    throttled: '尝试次数过多,请稍后再试。',
    intro: '县域经济发展行动方案:目标、月度数据、评价、擂台赛',
  },
  en: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    required: 'Please enter the {field}',
    failed: 'Wrong username or password, or the account is disabled.',
    throttled: 'Too many attempts; please wait and try again.',
    intro: 'County economy action plans: targets, monthly data, evaluation, the county contest',
  },
});

/**
 * Only same-site paths: a crafted ?next= must not send the user elsewhere after signing in.
 * Without a usable one the user goes to their role's first screen (`home`).
 */
export function safeNext(next: string | null, home = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return home;
  return next.startsWith('/login') ? home : next;
}

export function LoginPage() {
  const t = useT(m);
  const tc = useT(common);
  const { lang, setLang } = useLang();
  const [params] = useSearchParams();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await api<Session>('/session', { method: 'POST', body: v, quiet401: true });
      setCsrf(s.csrfToken);
      client.setQueryData(['session'], s);
      window.location.assign(safeNext(params.get('next'), homeOf(s.user.role)));
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 429
          ? t('throttled')
          : e instanceof ApiError && e.status < 500
            ? t('failed')
            : tc('error.SERVER'),
      );
      setBusy(false);
    }
  };
  return (
    <main
      style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={2} style={{ color: '#cf1322', marginBottom: 0 }}>
          {tc('appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('title')}
        </Typography.Title>
        {error && (
          <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form
          layout="vertical"
          onFinish={(v: { username: string; password: string }) => void submit(v)}
          requiredMark={false}
        >
          <Form.Item
            label={t('username')}
            name="username"
            rules={[{ required: true, message: t('required', { field: t('username') }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ required: true, message: t('required', { field: t('password') }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('submit')}
          </Button>
        </Form>
        <Button
          type="link"
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          style={{ padding: 0, marginTop: 12 }}
          lang={lang === 'zh' ? 'en' : 'zh-CN'}
          data-testid="lang-switch"
        >
          {tc('language')}
        </Button>
      </Card>
    </main>
  );
}
