// 个人设置: the signed-in user's account and a form to change their own password
// (POST /api/me/password; the user's other sessions end).
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input } from 'antd';
import { api, type Me } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { RegionName } from '../../components/RegionName.tsx';

interface PasswordForm {
  current: string;
  next: string;
  repeat: string;
}

export function Profile({ me }: { me: Me }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: PasswordForm) => {
    setSaving(true);
    try {
      await api.changePassword(v.current, v.next);
      void message.success('密码已修改，其他设备上的登录已退出');
      form.resetFields();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Card title="个人设置" style={{ marginBottom: 24 }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="姓名">{me.displayName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="角色">{me.roleLabel}</Descriptions.Item>
          {me.regionCode && (
            <Descriptions.Item label="所辖行政区划">
              <RegionName code={me.regionCode} name={me.regionName} />
            </Descriptions.Item>
          )}
          {me.schoolCode && <Descriptions.Item label="学校">{`${me.schoolName ?? ''}（${me.schoolCode}）`}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title="修改密码">
        <Form form={form} layout="vertical" style={{ maxWidth: 400 }} onFinish={(v) => void submit(v)}>
          <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="next" label="新密码" rules={[{ required: true, min: 8, max: 256, message: '新密码至少 8 个字符' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label="再次输入新密码"
            dependencies={['next']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, v) => (v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            修改密码
          </Button>
        </Form>
      </Card>
    </>
  );
}
