// 困难认定 (家庭经济困难学生认定): a school officer records a family's application, the school decides a
// tier (特别困难, 比较困难, 一般困难 or 不认定), puts the decisions on 公示 (list as xlsx, no ID
// numbers) and files them when the period ends. Students on the registry and the 低保/特困/孤儿/残疾
// lists are 特别困难 by default and listed in their own tab. A school sees only its own students.
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { aidApi, currentSchoolYear, type ListedItem, type Me, type RecognitionItem } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { DataTable } from '../../components/DataTable.tsx';

const STATUS_COLORS: Record<string, string> = { 已申请: 'processing', 已认定: 'blue', 未认定: 'default', 公示中: 'orange', 已存档: 'green' };
const TIER_COLORS: Record<string, string> = { 特别困难: 'red', 比较困难: 'orange', 一般困难: 'gold' };

export function Recognitions({ me }: { me: Me }) {
  const { message } = App.useApp();
  const list = usePagedList<RecognitionItem>('recognitions', (q) => aidApi.recognitions(q), { filters: ['schoolYear', 'status'], defaults: { schoolYear: String(currentSchoolYear()) } });
  const listed = usePagedList<ListedItem>('listed', (q) => aidApi.listed(q), { prefix: 'l' });
  const schoolYear = Number(list.filters.schoolYear ?? currentSchoolYear());
  const canAct = me.permissions.includes('aid.recognize');
  const [applying, setApplying] = useState(false);
  const [deciding, setDeciding] = useState<RecognitionItem | null>(null);
  const [objecting, setObjecting] = useState<RecognitionItem | null>(null);
  const [objectionText, setObjectionText] = useState('');
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [applyForm] = Form.useForm<{ studentNo: string; application: string }>();
  const [decideForm] = Form.useForm<{ tier: string; reason?: string }>();

  const run = async (label: string, fn: () => Promise<string | void>) => {
    try {
      const extra = await fn();
      void message.success(`${label}：${extra ?? '已完成'}`);
      list.reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };

  const actionOf = (r: RecognitionItem) =>
    r.status === '公示中' ? (
      <Button key="o" type="link" size="small" onClick={() => setObjecting(r)}>
        登记异议
      </Button>
    ) : (
      <Button key="d" type="link" size="small" onClick={() => setDeciding(r)}>
        认定
      </Button>
    );

  const applications = (
    <DataTable<RecognitionItem>
      list={list}
      rowKey={(r) => r.id}
      emptyText="本学年没有认定申请"
      totalText={(n) => `共 ${n} 份申请`}
      scrollX={1100}
      cardTitle={(r) => `${r.name} · ${r.status}`}
      cardActions={(r) => (canAct ? [actionOf(r)] : [])}
      expandable={{
        rowExpandable: (r) => r.objections.length > 0,
        expandedRowRender: (r) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {r.objections.map((o) => (
              <div key={o.id}>
                <Typography.Text>{`异议（${o.raisedBy}，${o.raisedAt.slice(0, 10)}）：${o.text}`}</Typography.Text>
                <br />
                {o.answer ? (
                  <Typography.Text type="success">{`已答复（${o.outcome === 'reopen' ? '重新认定' : '维持认定'}）：${o.answer}`}</Typography.Text>
                ) : canAct ? (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input placeholder="答复内容" value={answers[o.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [o.id]: e.target.value })} />
                    <Button onClick={() => void run('答复异议', async () => { await aidApi.answerRecognitionObjection(o.id, answers[o.id] ?? '', 'keep'); })}>维持认定</Button>
                    <Button onClick={() => void run('答复异议', async () => { await aidApi.answerRecognitionObjection(o.id, answers[o.id] ?? '', 'reopen'); })}>重新认定</Button>
                  </Space.Compact>
                ) : (
                  <Typography.Text type="warning">待答复</Typography.Text>
                )}
              </div>
            ))}
          </Space>
        ),
      }}
      toolbar={
        <>
          <InputNumber value={schoolYear} min={2015} max={2100} addonAfter="学年" style={{ width: 130 }} onChange={(v) => v && list.setFilter('schoolYear', v)} aria-label="学年" />
          <Select placeholder="全部状态" allowClear style={{ width: 120 }} value={list.filters.status} options={['已申请', '已认定', '未认定', '公示中', '已存档'].map((s) => ({ value: s, label: s }))} onChange={(v: string | undefined) => list.setFilter('status', v)} />
          <Input.Search key={list.q} placeholder="学生姓名" allowClear style={{ width: 160 }} defaultValue={list.q} onSearch={(v) => list.setQ(v)} />
          {canAct && (
            <>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setApplying(true)}>
                登记申请
              </Button>
              <Button onClick={() => void run('公示', async () => { const r = await aidApi.noticeRecognitions(schoolYear); return `${r.rows} 人，至 ${r.noticeEnd}`; })}>开始公示</Button>
              <Button onClick={() => void run('存档', async () => { const r = await aidApi.fileRecognitions(schoolYear); return `已存档 ${r.filed} 人${r.waiting ? `，${r.waiting} 人公示未满` : ''}`; })}>公示期满存档</Button>
            </>
          )}
          <Button icon={<DownloadOutlined />} href={`/api/aid/recognitions/notice?schoolYear=${schoolYear}`}>
            公示名单
          </Button>
        </>
      }
      columns={[
        { title: '学籍号', dataIndex: 'studentNo', width: 190 },
        { title: '姓名', dataIndex: 'name', width: 90 },
        { title: '学校标识码', dataIndex: 'schoolCode', width: 120 },
        { title: '家庭困难情况', dataIndex: 'application', ellipsis: true },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color={STATUS_COLORS[v]}>{v}</Tag> },
        { title: '认定档次', dataIndex: 'tier', width: 100, render: (v: string | null, r) => (v ? <Tag color={TIER_COLORS[v]}>{v}</Tag> : r.status === '未认定' ? '不认定' : '—') },
        { title: '认定理由', dataIndex: 'decisionReason', width: 160, render: (v: string | null) => v ?? '—' },
        { title: '申请日期', dataIndex: 'appliedAt', width: 110, render: (v: string) => v.slice(0, 10) },
        { title: '公示截止', dataIndex: 'noticeEnd', width: 110, render: (v: string | null) => v ?? '—' },
        { title: '异议', key: 'obj', width: 80, render: (_: unknown, r) => { const open = r.objections.filter((o) => !o.answer).length; return r.objections.length === 0 ? '—' : <Tag color={open ? 'red' : 'green'}>{open ? `${open} 条待答复` : '已答复'}</Tag>; } },
        ...(canAct ? [{ title: '', key: 'act', width: 90, card: false, render: (_: unknown, r: RecognitionItem) => actionOf(r) }] : []),
      ]}
    />
  );

  const listedTable = (
    <DataTable<ListedItem>
      list={listed}
      rowKey={(_r, i) => `${listed.page}-${i}`}
      emptyText="没有名单学生"
      totalText={(n) => `共 ${n} 名名单学生，默认认定为特别困难`}
      toolbar={<Input.Search key={listed.q} placeholder="学生姓名" allowClear style={{ width: 160 }} defaultValue={listed.q} onSearch={(v) => listed.setQ(v)} />}
      columns={[
        { title: '学籍号', dataIndex: 'studentNo', width: 190 },
        { title: '姓名', dataIndex: 'name', width: 90 },
        { title: '学校', dataIndex: 'schoolName', width: 200 },
        { title: '所在名单', dataIndex: 'lists', render: (v: string[]) => v.join('、') },
        { title: '认定档次', dataIndex: 'tier', width: 110, render: (v: string) => <Tag color="red">{`${v}（默认）`}</Tag> },
      ]}
    />
  );

  return (
    <Card title="家庭经济困难学生认定">
      <Tabs items={[{ key: 'apps', label: '认定申请', children: applications }, { key: 'listed', label: '名单学生（默认特别困难）', children: listedTable }]} />
      <Modal
        open={applying}
        title="登记认定申请"
        okText="登记"
        cancelText="取消"
        onCancel={() => setApplying(false)}
        onOk={() => {
          void applyForm.validateFields().then(async (v) => {
            if (await run('登记申请', async () => { await aidApi.applyRecognition(schoolYear, v.studentNo.trim(), v.application); })) {
              setApplying(false);
              applyForm.resetFields();
            }
          });
        }}
      >
        <Form form={applyForm} layout="vertical">
          <Form.Item name="studentNo" label="学籍号" rules={[{ required: true, message: '请填写学籍号' }]}>
            <Input placeholder="本校学生的全国学籍号" />
          </Form.Item>
          <Form.Item name="application" label="家庭困难情况" rules={[{ required: true, min: 2, message: '请说明家庭困难情况' }]}>
            <Input.TextArea rows={3} placeholder="如：父亲因病丧失劳动能力，家庭无稳定收入" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={deciding !== null}
        title={`认定：${deciding?.name ?? ''}`}
        okText="确定认定"
        cancelText="取消"
        onCancel={() => setDeciding(null)}
        onOk={() => {
          void decideForm.validateFields().then(async (v) => {
            if (deciding && (await run('认定', async () => { const r = await aidApi.decideRecognition(deciding.id, v.tier, v.reason); return r.tier ?? '不认定'; }))) {
              setDeciding(null);
              decideForm.resetFields();
            }
          });
        }}
      >
        <Form form={decideForm} layout="vertical" initialValues={{ tier: '比较困难' }}>
          <Form.Item name="tier" label="认定档次">
            <Radio.Group options={['特别困难', '比较困难', '一般困难', '不认定'].map((t) => ({ value: t, label: t }))} />
          </Form.Item>
          <Form.Item name="reason" label="认定理由">
            <Input placeholder="如：经家访核实" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={objecting !== null}
        title={`登记异议：${objecting?.name ?? ''}`}
        okText="登记"
        cancelText="取消"
        okButtonProps={{ disabled: objectionText.trim().length < 2 }}
        onCancel={() => setObjecting(null)}
        onOk={() => {
          if (!objecting) return;
          void run('登记异议', async () => { await aidApi.objectRecognition(objecting.id, objectionText); }).then((ok) => {
            if (!ok) return;
            setObjecting(null);
            setObjectionText('');
          });
        }}
      >
        <Input.TextArea rows={3} placeholder="异议内容（如：群众反映该生家庭新购轿车）" value={objectionText} onChange={(e) => setObjectionText(e.target.value)} />
      </Modal>
    </Card>
  );
}
