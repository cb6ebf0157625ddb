// The form of one step of a dropout case (核查排除, 确认辍学, 指定责任人, 登记走访, 登记劝返结果) in a
// modal; the server decides whether the status allows it and answers 409 with the reason if not.
import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { api, proofApi, type CaseStepKind } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { todayText } from '../../components/LoadError.tsx';
import { CLOSE_CATEGORIES, OUTCOMES } from '../../../../src/dropout/case.rules.ts';

export const STEP_LABELS: Record<CaseStepKind, string> = { close: '核查排除', confirm: '确认辍学', assign: '指定责任人', visit: '登记走访', return: '登记劝返结果' };

const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

function Fields({ step }: { step: CaseStepKind }) {
  const schools = useLoader(() => api.schools(), []);
  const schoolSelect = (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择学校"
      options={schools.data?.items.map((s) => ({ value: s.code, label: s.name }))}
    />
  );
  switch (step) {
    case 'close':
      return (
        <>
          <Form.Item name="category" label="核查类别" rules={[{ required: true, message: '请选择核查类别' }]}>
            <Select options={CLOSE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="note" label="核查情况" rules={required('核查情况')}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </>
      );
    case 'confirm':
      return (
        <Form.Item name="note" label="核查说明">
          <Input.TextArea rows={3} maxLength={500} placeholder="入户核实情况（可选）" />
        </Form.Item>
      );
    case 'assign':
      return (
        <>
          <Form.Item name="school" label="责任学校">
            {schoolSelect}
          </Form.Item>
          <Form.Item name="townshipUser" label="乡镇责任人账号">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="villageCadre" label="村（居）责任人">
            <Input maxLength={40} />
          </Form.Item>
        </>
      );
    case 'visit':
      return (
        <>
          <Form.Item name="date" label="走访日期" rules={required('走访日期')}>
            <Input type="date" max={todayText()} />
          </Form.Item>
          <Form.Item name="by" label="走访人" rules={required('走访人')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="note" label="走访情况" rules={required('走访情况')}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item name="next" label="下一步">
            <Input maxLength={200} />
          </Form.Item>
        </>
      );
    case 'return':
      return (
        <>
          <Form.Item name="outcome" label="劝返结果" rules={[{ required: true, message: '请选择劝返结果' }]}>
            <Select options={OUTCOMES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="date" label="日期" rules={required('日期')}>
            <Input type="date" max={todayText()} />
          </Form.Item>
          <Form.Item name="school" label="就读学校">
            {schoolSelect}
          </Form.Item>
        </>
      );
  }
}

export function StepForm({ caseNo, step, by, onClose, onDone }: { caseNo: string; step: CaseStepKind; by: string; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const [busy, setBusy] = useState(false);
  // 证明材料 (.pdf/.jpg/.png ≤ 10 MB, checked again by content on the server) sent with 核查排除
  const [proof, setProof] = useState<File | null>(null);

  const submit = async () => {
    const values = await form.validateFields();
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
    if (step === 'assign' && Object.keys(body).length === 0) {
      void message.warning('请至少填写一位责任人');
      return;
    }
    setBusy(true);
    try {
      const r = step === 'close' && proof ? await proofApi.closeWithProof(caseNo, { category: body.category ?? '', note: body.note ?? '' }, proof) : await api.caseStep(caseNo, step, body);
      void message.success(`${caseNo}：${STEP_LABELS[step]}完成，状态“${r.status}”`);
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${STEP_LABELS[step]} · ${caseNo}`} okText="提交" cancelText="取消" confirmLoading={busy} onOk={() => void submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ date: todayText(), by }}>
        <Fields step={step} />
        {step === 'close' && (
          <Form.Item label="证明材料" extra="PDF、JPG 或 PNG，不超过 10 MB">
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              maxCount={1}
              fileList={proof ? [{ uid: '1', name: proof.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (f.size > 10 * 1024 * 1024) void message.error('证明材料不能超过 10 MB');
                else setProof(f);
                return false;
              }}
              onRemove={() => setProof(null)}
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
