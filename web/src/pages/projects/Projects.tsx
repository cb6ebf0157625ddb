// 项目台账 (全面改薄): the projects of the user's scope — progress, budget and spending by fund source
// (what was posted 张榜公示, what was spent), this month's dispatch, acceptance — with a progress chart.
// The county records a spending from one source; the server refuses one before its posting or above
// that source's budget, and the page shows why.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag, message } from 'antd';
import { projectSpending, projectsOfScope, type Me, type ProjectItem } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { EChart } from '../../components/EChart.tsx';

const yuan = (x: number) => `${x.toLocaleString('zh-CN')} 元`;

export function Projects({ me }: { me: Me }) {
  const [items, setItems] = useState<ProjectItem[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [spending, setSpending] = useState<ProjectItem | null>(null);
  const [form] = Form.useForm<{ source: string; date: { format(f: string): string }; yuan: number; purpose: string }>();
  const canManage = me.permissions.includes('project.manage');

  useEffect(() => {
    projectsOfScope()
      .then((d) => {
        setItems(d.items);
        setFailed(null);
      })
      .catch((e: unknown) => setFailed(errorText(e)));
  }, [tick]);

  const submit = async () => {
    if (!spending) return;
    const v = await form.validateFields();
    try {
      const r = await projectSpending(spending.id, { source: v.source, date: v.date.format('YYYY-MM-DD'), yuan: v.yuan, purpose: v.purpose });
      void message.success(`已登记支出，“${r.source}”剩余预算 ${yuan(r.remaining)}`);
      setSpending(null);
      form.resetFields();
      setTick((x) => x + 1);
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  const rows = items ?? [];
  return (
    <Card title="项目台账（全面改薄）">
      {failed && <Alert type="error" showIcon message={failed} style={{ marginBottom: 16 }} />}
      {rows.length > 0 && (
        <EChart
          height={Math.max(160, rows.length * 28)}
          option={{
            grid: { left: 160, right: 40, top: 10, bottom: 20 },
            xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
            yAxis: { type: 'category', data: rows.map((p) => `${p.schoolName} ${p.name}`) },
            series: [{ type: 'bar', name: '进度', data: rows.map((p) => p.percent), label: { show: true, position: 'right', formatter: '{c}%' } }],
          }}
        />
      )}
      <Table<ProjectItem>
        rowKey="id"
        loading={items === null && !failed}
        dataSource={rows}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70 },
          { title: '学校', dataIndex: 'schoolName' },
          { title: '项目', dataIndex: 'name' },
          { title: '类别', dataIndex: 'kind', width: 80 },
          { title: '进度', render: (_, p) => <Tag color={p.status === '完工' ? 'green' : p.status === '在建' ? 'blue' : 'default'}>{`${p.status} ${p.percent}%`}</Tag> },
          {
            title: '资金来源：预算 / 已公示 / 已支出',
            render: (_, p) => p.funds.map((f) => <div key={f.source}>{`${f.source}：${yuan(f.budget)} / ${yuan(f.posted)} / ${yuan(f.spent)}`}</div>),
          },
          { title: '本月调度', render: (_, p) => (p.dispatchedThisMonth ? '已调度' : <Tag color="orange">未调度</Tag>) },
          { title: '验收', dataIndex: 'acceptance' },
          ...(canManage ? [{ title: '操作', render: (_: unknown, p: ProjectItem) => <Button size="small" onClick={() => setSpending(p)}>登记支出</Button> }] : []),
        ]}
      />
      <Modal title={spending ? `登记支出：${spending.name}` : ''} open={spending !== null} onOk={() => void submit()} onCancel={() => setSpending(null)} okText="登记" cancelText="取消">
        <Form form={form} layout="vertical">
          <Form.Item name="source" label="资金来源" rules={[{ required: true, message: '请选择资金来源' }]}>
            <Select options={(spending?.funds ?? []).map((f) => ({ value: f.source, label: `${f.source}（预算 ${yuan(f.budget)}，已支出 ${yuan(f.spent)}）` }))} />
          </Form.Item>
          <Form.Item name="date" label="支出日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="yuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
            <InputNumber min={0.01} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="purpose" label="用途" rules={[{ required: true, message: '请填写用途' }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
