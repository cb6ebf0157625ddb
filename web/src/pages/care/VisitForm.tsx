// 记录走访: a teacher logs a visit or talk with a cared child — date, kind (家访, 谈心, 电话, 视频) and
// what was found. One column, large controls: it is filled in on a phone during or after the visit.
import { useState } from 'react';
import { App, Button, Form, Input, Radio } from 'antd';
import { api, type CareVisitBody } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { todayText } from '../../components/LoadError.tsx';
import { VISIT_KINDS } from '../../../../src/care/care.columns.ts';

export function VisitForm({ childId, name, onDone }: { childId: string; name: string; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CareVisitBody>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: CareVisitBody) => {
    setBusy(true);
    try {
      await api.logCareVisit(childId, { date: values.date, kind: values.kind, note: values.note.trim() });
      void message.success(`已记录对${name}的${values.kind}`);
      form.resetFields(['note']);
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="large" initialValues={{ date: todayText(), kind: '家访' }} onFinish={(v) => void submit(v)}>
      <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <Input type="date" max={todayText()} />
      </Form.Item>
      <Form.Item name="kind" label="方式" rules={[{ required: true, message: '请选择方式' }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={VISIT_KINDS.map((k) => ({ value: k, label: k }))} />
      </Form.Item>
      <Form.Item name="note" label="情况记录" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="学习、生活、身心健康、监护情况，需要的帮助" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>
        保存走访记录
      </Button>
    </Form>
  );
}
