import { CheckCircleFilled, HistoryOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client.js';
import { useApi } from '../../api/queries.js';
import { useUser } from '../../api/session.js';
import { Data } from '../../components/Data.js';
import { ExportButton } from '../../components/ExportButton.js';
import { ListTable } from '../../components/ListTable.js';
import { Page } from '../../components/Page.js';
import { stateOf, useErrorText } from '../../components/PageState.js';
import { useRegionIndex } from '../../components/regions.js';
import { common } from '../../i18n/common.js';
import { useT } from '../../i18n/index.js';
import { dateText } from '../../lib/format.js';
import { HistoryDrawer } from './History.js';
import { m } from './messages.js';
import type { AdminUser, NewUser, Role, UsersAnswer } from './types.js';

const ROLES: Role[] = ['province', 'department', 'prefecture', 'county', 'observer'];
const USERNAME = /^[A-Za-z0-9_.-]{2,64}$/;
/** antd's danger red is too light for small text on white (WCAG AA): a darker one. */
const DANGER = { color: '#a8071a', borderColor: '#a8071a' };

/** A password shown once, to be copied now. */
function Shown({
  username,
  password,
  note,
}: {
  username: string;
  password?: string;
  note?: string;
}) {
  const t = useT(m);
  return (
    <Alert
      type={password ? 'warning' : 'success'}
      showIcon
      role="status"
      data-testid="password-shown"
      title={
        password ? t('passwordOnce', { name: username }) : t('passwordSet', { name: username })
      }
      description={
        <>
          {password && (
            <Typography.Text copyable code style={{ fontSize: 16 }} data-testid="password">
              {password}
            </Typography.Text>
          )}
          {note && <div>{note}</div>}
        </>
      }
    />
  );
}

/** The password choice of the add and reset forms: generated, or set by the admin. */
function PasswordFields() {
  const t = useT(m);
  const mode = Form.useWatch<string>('mode');
  return (
    <>
      <Form.Item name="mode" label={t('passwordMode')} initialValue="generate">
        <Radio.Group
          options={[
            { value: 'generate', label: t('generate') },
            { value: 'set', label: t('setOwn') },
          ]}
        />
      </Form.Item>
      {mode === 'set' && (
        <Form.Item
          name="password"
          label={t('password')}
          extra={t('passwordRule')}
          rules={[
            { required: true, message: t('required') },
            { min: 10, message: t('passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
      )}
    </>
  );
}

interface AddForm {
  username: string;
  displayName?: string;
  role: Role;
  region?: string;
  department?: string;
  mode: 'generate' | 'set';
  password?: string;
}

function AddUser({ departments, onDone }: { departments: string[]; onDone: () => void }) {
  const t = useT(m);
  const tc = useT(common);
  const errorText = useErrorText();
  const regions = useRegionIndex();
  const [form] = Form.useForm<AddForm>();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ username: string; password?: string }>();
  const [error, setError] = useState<ReactNode>();
  const role = Form.useWatch<Role | undefined>('role', form);
  const add = useMutation({
    mutationFn: (body: NewUser) =>
      api<{ user: AdminUser; password?: string }>('/users', { method: 'POST', body }),
    onSuccess: (r) => {
      setShown({ username: r.user.username, password: r.password });
      onDone();
    },
    onError: (e) => {
      setError(errorText(e));
      if (e instanceof ApiError && e.status === 409)
        form.setFields([{ name: 'username', errors: [e.message] }]);
    },
  });
  const submit = (v: AddForm) => {
    setError(undefined);
    add.mutate({
      username: v.username.trim(),
      role: v.role,
      ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
      ...((v.role === 'county' || v.role === 'prefecture') && v.region ? { region: v.region } : {}),
      ...(v.role === 'department' && v.department ? { department: v.department } : {}),
      ...(v.mode === 'set' && v.password ? { password: v.password } : {}),
    });
  };
  const close = () => {
    setOpen(false);
    setShown(undefined);
    setError(undefined);
    form.resetFields();
  };
  const regionOptions = [...regions.byCode.values()]
    .filter((r) => r.level === role)
    .map((r) => ({
      value: r.code,
      label: (
        <Data>
          {r.name} {r.code}
        </Data>
      ),
      search: `${r.name}${r.code}`,
    }));
  return (
    <>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setOpen(true)}
        data-testid="add-user"
      >
        {t('addUser')}
      </Button>
      <Modal
        open={open}
        title={t('addUser')}
        onCancel={close}
        destroyOnHidden
        footer={
          shown ? (
            <Button onClick={close}>{t('close')}</Button>
          ) : (
            <Space>
              <Button onClick={close}>{t('cancel')}</Button>
              <Button
                type="primary"
                loading={add.isPending}
                onClick={() => form.submit()}
                data-testid="add-ok"
              >
                {t('ok')}
              </Button>
            </Space>
          )
        }
      >
        {shown ? (
          <Shown {...shown} />
        ) : (
          <Form<AddForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
            <Form.Item
              name="username"
              label={t('username')}
              extra={t('usernameRule')}
              rules={[
                { required: true, message: t('required') },
                { pattern: USERNAME, message: t('usernameRule') },
              ]}
            >
              <Input autoComplete="off" data-testid="username" />
            </Form.Item>
            <Form.Item name="displayName" label={t('displayName')}>
              <Input maxLength={64} data-testid="display-name" />
            </Form.Item>
            <Form.Item
              name="role"
              label={t('role')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Select
                data-testid="role"
                options={ROLES.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
                onChange={() => form.setFieldsValue({ region: undefined, department: undefined })}
              />
            </Form.Item>
            {(role === 'county' || role === 'prefecture') && (
              <Form.Item
                name="region"
                label={t('region')}
                rules={[{ required: true, message: t('chooseRegion') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'search' }}
                  data-testid="region"
                  options={regionOptions}
                />
              </Form.Item>
            )}
            {role === 'department' && (
              <Form.Item
                name="department"
                label={t('department')}
                rules={[{ required: true, message: t('chooseDepartment') }]}
              >
                <Select
                  showSearch
                  data-testid="department"
                  options={departments.map((d) => ({ value: d, label: <Data>{d}</Data> }))}
                />
              </Form.Item>
            )}
            <PasswordFields />
            {error && <Alert type="error" showIcon role="alert" title={error} />}
          </Form>
        )}
      </Modal>
    </>
  );
}

function ResetPassword({ user, onClose }: { user: AdminUser | undefined; onClose: () => void }) {
  const t = useT(m);
  const errorText = useErrorText();
  const client = useQueryClient();
  const [form] = Form.useForm<{ mode: string; password?: string }>();
  const [shown, setShown] = useState<{ password?: string; ended: number }>();
  const reset = useMutation({
    mutationFn: (body: { password?: string }) =>
      api<{ password?: string; sessionsEnded: number }>(
        `/users/${encodeURIComponent(user!.username)}/password`,
        { method: 'PUT', body },
      ),
    onSuccess: (r) => {
      setShown({ password: r.password, ended: r.sessionsEnded });
      void client.invalidateQueries({ queryKey: [`/users/${user!.username}/history`] });
    },
  });
  const close = () => {
    setShown(undefined);
    reset.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={!!user}
      title={`${t('resetPassword')} · ${user?.username ?? ''}`}
      onCancel={close}
      destroyOnHidden
      footer={
        shown ? (
          <Button onClick={close}>{t('close')}</Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('cancel')}</Button>
            <Button
              type="primary"
              loading={reset.isPending}
              onClick={() => form.submit()}
              data-testid="reset-ok"
            >
              {t('ok')}
            </Button>
          </Space>
        )
      }
    >
      {shown && user ? (
        <Shown
          username={user.username}
          password={shown.password}
          note={t('sessionsEnded', { n: shown.ended })}
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(v) =>
            reset.mutate(v.mode === 'set' && v.password ? { password: v.password } : {})
          }
        >
          <PasswordFields />
          {reset.isError && (
            <Alert type="error" showIcon role="alert" title={errorText(reset.error)} />
          )}
        </Form>
      )}
    </Modal>
  );
}

function Board() {
  const t = useT(m);
  const tc = useT(common);
  const me = useUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const q = useApi<UsersAnswer>('/users');
  const [resetting, setResetting] = useState<AdminUser>();
  const [history, setHistory] = useState<AdminUser>();
  const refresh = () => void client.invalidateQueries({ queryKey: ['/users'] });
  const toggle = useMutation({
    mutationFn: (x: { user: AdminUser; action: 'disable' | 'enable' }) =>
      api<{ changed: boolean }>(`/users/${encodeURIComponent(x.user.username)}/${x.action}`, {
        method: 'POST',
      }),
    onSuccess: (_, x) => {
      void message.success(
        t(x.action === 'disable' ? 'disabledDone' : 'enabledDone', { name: x.user.username }),
      );
      refresh();
      void client.invalidateQueries({ queryKey: [`/users/${x.user.username}/history`] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const state = stateOf(q);
  if (state) return state;
  const { users, departments } = q.data!;
  const scopeOf = (u: AdminUser): ReactNode =>
    u.regionName ? (
      <Data>
        {u.prefectureName ? `${u.prefectureName} · ` : ''}
        {u.regionName}
      </Data>
    ) : u.department ? (
      <Data>{u.department}</Data>
    ) : (
      '—'
    );
  const scopeText = (u: AdminUser) =>
    u.regionName
      ? `${u.prefectureName ? `${u.prefectureName} · ` : ''}${u.regionName} (${u.region})`
      : (u.department ?? '');
  const stateWord = (u: AdminUser) => (u.disabled ? t('disabled') : t('active'));

  const columns: ColumnsType<AdminUser> = [
    {
      title: t('username'),
      key: 'username',
      width: 150,
      fixed: 'left',
      render: (_, u) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {u.username}
          {u.username === me.username && <span style={{ color: '#595959' }}> {t('self')}</span>}
        </span>
      ),
    },
    {
      title: t('displayName'),
      key: 'displayName',
      width: 150,
      render: (_, u) => <Data>{u.displayName}</Data>,
    },
    { title: t('role'), key: 'role', width: 90, render: (_, u) => tc(`role.${u.role}`) },
    { title: t('scope'), key: 'scope', width: 170, render: (_, u) => scopeOf(u) },
    {
      title: t('state'),
      key: 'state',
      width: 120,
      render: (_, u) => (
        <span style={{ whiteSpace: 'nowrap' }} data-testid={`state-${u.username}`}>
          <Tag
            icon={u.disabled ? <StopOutlined /> : <CheckCircleFilled />}
            style={{
              background: '#fff',
              color: u.disabled ? '#595959' : '#237804',
              borderColor: u.disabled ? '#8c8c8c' : '#237804',
            }}
          >
            {stateWord(u)}
          </Tag>
          {u.demo && <Tag>{t('demo')}</Tag>}
        </span>
      ),
    },
    { title: t('created'), key: 'created', width: 100, render: (_, u) => dateText(u.createdAt) },
    {
      title: t('actions'),
      key: 'actions',
      width: 230,
      render: (_, u) => (
        <Flex gap={4} wrap={false}>
          <Button size="small" onClick={() => setResetting(u)} data-testid={`reset-${u.username}`}>
            {t('resetPassword')}
          </Button>
          {u.disabled ? (
            <Popconfirm
              title={t('enableConfirm', { name: u.username })}
              okText={t('enable')}
              cancelText={t('cancel')}
              onConfirm={() => toggle.mutate({ user: u, action: 'enable' })}
            >
              <Button size="small" data-testid={`enable-${u.username}`}>
                {t('enable')}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={t('disableConfirm', { name: u.username })}
              okText={t('disable')}
              okButtonProps={{ danger: true }}
              cancelText={t('cancel')}
              onConfirm={() => toggle.mutate({ user: u, action: 'disable' })}
            >
              <Button
                size="small"
                style={u.username === me.username ? undefined : DANGER}
                disabled={u.username === me.username}
                data-testid={`disable-${u.username}`}
              >
                {t('disable')}
              </Button>
            </Popconfirm>
          )}
          <Button
            size="small"
            icon={<HistoryOutlined />}
            aria-label={`${u.username} ${t('history')}`}
            onClick={() => setHistory(u)}
          />
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex align="center" justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
        <Flex align="center" gap={8}>
          <AddUser departments={departments} onDone={refresh} />
          <span data-testid="count">
            {t('countUsers', { n: users.length, disabled: users.filter((u) => u.disabled).length })}
          </span>
        </Flex>
        <ExportButton
          fileName={t('exportUsers')}
          disabled={users.length === 0}
          sheet={() => ({
            name: t('exportUsers'),
            caption: [t('usersTitle')],
            columns: [
              { title: t('username'), value: (u: AdminUser) => u.username },
              { title: t('displayName'), value: (u: AdminUser) => u.displayName },
              { title: t('role'), value: (u: AdminUser) => tc(`role.${u.role}`) },
              { title: t('scope'), value: scopeText },
              { title: t('state'), value: stateWord },
              { title: t('demo'), value: (u: AdminUser) => (u.demo ? t('yes') : '') },
              { title: t('created'), value: (u: AdminUser) => dateText(u.createdAt) },
            ],
            rows: users,
          })}
        />
      </Flex>
      <ListTable
        rows={users}
        columns={columns}
        rowKey="username"
        empty={t('emptyUsers')}
        width={1010}
        paged
        testId="table-users"
      />
      <ResetPassword user={resetting} onClose={() => setResetting(undefined)} />
      <HistoryDrawer
        path={history ? `/users/${encodeURIComponent(history.username)}/history` : undefined}
        title={`${history?.username ?? ''} ${t('history')}`}
        onClose={() => setHistory(undefined)}
      />
    </>
  );
}

export default function UsersPage() {
  const t = useT(m);
  return (
    <Page view="users" title={t('usersTitle')} needs="nothing">
      {() => <Board />}
    </Page>
  );
}
