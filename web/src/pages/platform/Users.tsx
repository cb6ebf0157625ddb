// 账号管理 (administrators): accounts paged and filtered on the server, an add form, and row actions
// (停用, 启用, 重置密码, 强制下线) that each ask for confirmation; the server audits every one.
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, type NewUserBody, type UserAction, type UserItem } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';

const ROLE_OPTIONS: { value: NewUserBody['role']; label: string }[] = [
  { value: 'admin', label: '系统管理员' },
  { value: 'county', label: '县级资助中心' },
  { value: 'school', label: '学校资助专干' },
  { value: 'township', label: '乡镇' },
  { value: 'teacher', label: '教师' },
  { value: 'inspector', label: '督导' },
];
const NEEDS_REGION = ['county', 'township', 'inspector'];
const NEEDS_SCHOOL = ['school', 'teacher'];

function AddUserModal({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUserBody>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const r = await api.addUser(values);
      void message.success(`已添加账号 ${r.username}`);
      for (const w of r.warnings) void message.warning(w.split(' / ')[0]);
      form.resetFields();
      onAdded();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal title="添加账号" open={open} onCancel={onClose} onOk={() => void submit()} okText="添加" cancelText="取消" confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="username" label="用户名" rules={[{ required: true, min: 2, max: 64, message: '请输入 2–64 个字符的用户名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名（显示名）">
          <Input />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={ROLE_OPTIONS} />
        </Form.Item>
        {role && NEEDS_REGION.includes(role) && (
          <Form.Item name="region" label="所辖行政区划代码" rules={[{ required: true, pattern: /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, message: '应为 2、4、6、9 或 12 位数字' }]}>
            <Input placeholder="如 513433" />
          </Form.Item>
        )}
        {role && NEEDS_SCHOOL.includes(role) && (
          <Form.Item name="school" label="学校标识码" rules={[{ required: true, pattern: /^\d{10}$/, message: '应为 10 位数字' }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="password" label="初始密码" rules={[{ required: true, min: 8, max: 256, message: '密码至少 8 个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const submit = async () => {
    const { password } = await form.validateFields();
    try {
      const r = await api.userAction(user!, 'reset-password', password);
      void message.success(`已重置 ${r.username} 的密码，已下线 ${r.sessionsEnded ?? 0} 个会话`);
      onClose();
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <Modal title={`重置密码：${user ?? ''}`} open={user !== null} onCancel={onClose} onOk={() => void submit()} okText="重置" cancelText="取消" destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label="新密码" rules={[{ required: true, min: 8, max: 256, message: '密码至少 8 个字符' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function Users() {
  const { message } = App.useApp();
  const list = usePagedList<UserItem>('users', (q) => api.users(q), { filters: ['role', 'status'] });
  const reload = list.reload;
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<string | null>(null);

  const act = async (u: UserItem, action: Exclude<UserAction, 'reset-password'>) => {
    try {
      const r = await api.userAction(u.username, action);
      const done = { disable: '已停用', enable: '已启用', 'revoke-sessions': '已强制下线' }[action];
      void message.success(`${done} ${r.username}${r.sessionsEnded ? `（结束 ${r.sessionsEnded} 个会话）` : ''}`);
      reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  return (
    <Card
      title="账号管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          添加账号
        </Button>
      }
    >
      <DataTable<UserItem>
        list={list}
        exportPath="/api/users"
        rowKey={(u) => u.username}
        emptyText="没有符合条件的账号"
        totalText={(n) => `共 ${n} 个账号`}
        cardTitle={(u) => `${u.username}${u.displayName ? `（${u.displayName}）` : ''}`}
        toolbar={
          <>
            <Input.Search
              key={list.q}
              placeholder="用户名或姓名"
              allowClear
              enterButton="查询"
              style={{ width: 280, maxWidth: '100%' }}
              defaultValue={list.q}
              onSearch={(v) => list.setQ(v)}
            />
            <Select placeholder="全部角色" allowClear style={{ width: 160 }} value={list.filters.role} options={ROLE_OPTIONS} onChange={(v: string | undefined) => list.setFilter('role', v)} />
            <Select
              placeholder="全部状态"
              allowClear
              style={{ width: 120 }}
              value={list.filters.status}
              options={[
                { value: 'enabled', label: '正常' },
                { value: 'disabled', label: '已停用' },
              ]}
              onChange={(v: string | undefined) => list.setFilter('status', v)}
            />
          </>
        }
        columns={[
          { title: '用户名', dataIndex: 'username', sortKey: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'roleLabel', sortKey: 'role' },
          { title: '范围', key: 'scope', render: (_: unknown, u) => (u.schoolCode ? `${u.schoolName ?? ''}（${u.schoolCode}）` : u.regionCode ? <RegionName code={u.regionCode} name={u.regionName} /> : '全部') },
          { title: '状态', dataIndex: 'disabled', sortKey: 'disabled', render: (v: boolean) => (v ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>) },
          { title: '创建时间', dataIndex: 'createdAt', sortKey: 'createdAt', render: (v: string) => v.slice(0, 10) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, u) => (
              <Space size={0}>
                {u.disabled ? (
                  <Popconfirm title={`启用账号 ${u.username}？`} okText="启用" cancelText="取消" onConfirm={() => void act(u, 'enable')}>
                    <Button type="link" size="small">启用</Button>
                  </Popconfirm>
                ) : (
                  <Popconfirm title={`停用账号 ${u.username}？停用后立即下线，不能登录。`} okText="停用" cancelText="取消" onConfirm={() => void act(u, 'disable')}>
                    <Button type="link" size="small" danger>停用</Button>
                  </Popconfirm>
                )}
                <Button type="link" size="small" onClick={() => setResetting(u.username)}>
                  重置密码
                </Button>
                <Popconfirm title={`让 ${u.username} 在所有设备上退出登录？`} okText="强制下线" cancelText="取消" onConfirm={() => void act(u, 'revoke-sessions')}>
                  <Button type="link" size="small">强制下线</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <AddUserModal
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={() => {
          setAdding(false);
          reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
