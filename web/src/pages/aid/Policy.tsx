// 政策设置: the policy set of a school year — items with kind, 学段, amount per year and its history,
// conditions, funding shares and the terms' deadlines. A county builds its set from one of the four
// presets or from nothing, adds, edits (an amount change asks why) and retires items; a school and
// an inspector read. Every refusal is the server's message.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Modal, Result, Select, Space, Switch, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { aidApi, currentSchoolYear, type ItemPayload, type Me, type PolicyChange, type PolicyItemView } from '../../api.ts';
import { errorText, useLoader } from '../../hooks.ts';
import { usePagedList } from '../../paging.ts';
import { queryParam, setQueryParams } from '../../router.ts';
import { DataTable, type DataColumn } from '../../components/DataTable.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';

const PRESETS = [
  { value: 'wuhan', label: '武汉（篇一）' },
  { value: 'huangmei', label: '黄梅（篇二）' },
  { value: 'rizhao', label: '日照（篇6）' },
  { value: 'dingxi', label: '定西（篇3）' },
  { value: '', label: '空白（从零开始）' },
];
const KINDS = ['减免', '补助', '助学金', '奖学金', '贷款', '应急救助'];
const STAGES = ['学前', '小学', '初中', '高中', '中职', '高等'];
const PER = [
  { value: 'year', label: '每年' },
  { value: 'term', label: '每学期' },
  { value: 'day', label: '每天' },
  { value: 'once', label: '一次性' },
  { value: 'actual', label: '据实' },
];
const HOUSEHOLD_TYPES = ['未脱贫户', '脱贫户', '返贫户', '脱贫不稳定户', '边缘易致贫户', '突发严重困难户'];
const LISTS = ['建档立卡', '低保', '特困', '孤儿', '残疾'];
const TIERS = ['特别困难', '比较困难', '一般困难'];
const LOCATIONS = [
  { value: 'any', label: '不限' },
  { value: 'local', label: '仅本地就读' },
  { value: 'out-of-area', label: '仅外地就读' },
];
const LEVELS = ['中央', '省', '市', '县'] as const;

function conditionText(i: PolicyItemView): string {
  const c = i.conditions;
  const parts = [`名单：${c.lists.join('、')}`];
  if (c.householdTypes) parts.push(`户类型：${c.householdTypes.join('、')}`);
  parts.push(`认定：${c.tiers.join('、')}`);
  if (c.boardingOnly) parts.push('仅寄宿生');
  if (c.schoolTypes) parts.push(`学校类型：${c.schoolTypes.join('、')}`);
  if (c.location !== 'any') parts.push(c.location === 'local' ? '仅本地就读' : '仅外地就读');
  if (c.schoolCodes) parts.push(`限 ${c.schoolCodes.length} 所学校`);
  return parts.join('；');
}

/** A stored instant as people read it: Asia/Shanghai, to the minute. */
const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const STATES = [
  { value: 'active', label: '执行中' },
  { value: 'pending', label: '待完善' },
  { value: 'retired', label: '停止执行' },
];

const sharesText = (s: Record<string, number>) => (Object.keys(s).length === 0 ? '未规定' : Object.entries(s).map(([k, v]) => `${k} ${v}%`).join(' : '));

export function Policy({ me }: { me: Me }) {
  const { message, modal } = App.useApp();
  const [schoolYear, setYear] = useState(Number(queryParam('schoolYear')) || currentSchoolYear());
  const data = useLoader(() => aidApi.policy(schoolYear), [schoolYear]);
  const items = usePagedList<PolicyItemView>('policy-items', (q) => aidApi.policyItems(q), { filters: ['kind', 'state'], params: { schoolYear } });
  const history = usePagedList<PolicyChange>('policy-history', (q) => aidApi.policyHistory(q), { prefix: 'h', pageSize: 10, params: { schoolYear } });
  const [preset, setPreset] = useState('huangmei');
  const [editing, setEditing] = useState<PolicyItemView | 'new' | null>(null);
  const [retiring, setRetiring] = useState<PolicyItemView | null>(null);
  const [retireReason, setRetireReason] = useState('');
  const p = data.data;
  const canEdit = me.permissions.includes('aid.manage') && (p?.editable ?? false);

  const run = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      void message.success(`${label}：已保存`);
      data.reload();
      items.reload();
      history.reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    }
  };

  const build = () =>
    modal.confirm({
      title: `建立 ${schoolYear} 学年资助政策`,
      content: p?.exists ? '将以所选预设替换现行政策（原政策保留在修改记录中）。' : `从“${PRESETS.find((x) => x.value === preset)?.label}”建立。`,
      okText: '建立',
      cancelText: '取消',
      onOk: () => run('建立政策', () => aidApi.buildPolicy(schoolYear, preset || null)),
    });

  const itemActions = (i: PolicyItemView) => [
    <Button key="edit" type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(i)}>
      编辑
    </Button>,
    <Button key="retire" type="link" size="small" danger icon={<StopOutlined />} onClick={() => setRetiring(i)}>
      停止
    </Button>,
  ];

  const yearPicker = (
    <InputNumber
      value={schoolYear}
      min={2015}
      max={2100}
      addonAfter="学年"
      style={{ width: 130 }}
      onChange={(v) => {
        if (!v) return;
        setYear(v);
        setQueryParams({ schoolYear: v });
        // another year's set starts its tables at their first page
        items.setPage(1);
        history.setPage(1);
      }}
    />
  );
  const buildControls = canEdit || (me.permissions.includes('aid.manage') && !p?.exists) ? (
    <Space>
      <Select value={preset} style={{ width: 170 }} options={PRESETS} onChange={setPreset} aria-label="预设" />
      <Button onClick={() => void build()}>{p?.exists ? '按预设重建' : '建立政策'}</Button>
    </Space>
  ) : null;

  return (
    <Card title="政策设置" extra={<Space wrap>{yearPicker}{buildControls}</Space>}>
      {data.error && !data.loading && <LoadError message={data.error} onRetry={data.reload} />}
      {p && !p.exists && <Result status="info" title={`${schoolYear} 学年尚无资助政策`} subTitle={me.permissions.includes('aid.manage') ? '请从四个地区预设之一或从空白建立，再按本地标准修改。' : '县资助中心尚未设置。'} />}
      {p?.exists && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="政策">{p.name}</Descriptions.Item>
            <Descriptions.Item label="来源">{p.preset ? `预设 ${p.preset}` : '自建'}</Descriptions.Item>
            <Descriptions.Item label="版本">
                {`第 ${p.version} 版`}
                {p.regionCode ? <>（地区 <RegionName code={p.regionCode} name={p.regionName} />）</> : '（全库通用）'}
              </Descriptions.Item>
            {(['秋季', '春季'] as const).map((term) => (
              <Descriptions.Item key={term} label={`${term}名单锁定`}>
                {canEdit ? (
                  <Input
                    type="date"
                    key={`${term}-${p.deadlines[term] ?? ''}`}
                    defaultValue={p.deadlines[term] ?? ''}
                    aria-label={`${term}名单锁定日期`}
                    style={{ width: 160 }}
                    onBlur={(e) => /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && e.target.value !== (p.deadlines[term] ?? '') && void run(`${term}锁定日期`, () => aidApi.setDeadline(schoolYear, term, e.target.value))}
                  />
                ) : (
                  (p.deadlines[term] ?? '未设定')
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
          {!p.editable && me.permissions.includes('aid.manage') && <Typography.Text type="warning">这套政策适用于多个地区，只能由管理员修改；可按预设建立本县自己的政策。</Typography.Text>}
          <DataTable<PolicyItemView>
            list={items}
            exportPath="/api/aid/policy/items"
            rowKey={(i) => i.code}
            size="small"
            scrollX={1100}
            emptyText="没有符合条件的资助项目"
            toolbar={
              <>
                {canEdit && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                    新增项目
                  </Button>
                )}
                <Input.Search key={items.q} placeholder="项目名称或代码" allowClear style={{ width: 180 }} defaultValue={items.q} onSearch={(v) => items.setQ(v)} aria-label="项目名称或代码" />
                <Select placeholder="全部类别" allowClear style={{ width: 110 }} value={items.filters.kind} options={KINDS.map((k) => ({ value: k, label: k }))} onChange={(v: string | undefined) => items.setFilter('kind', v)} aria-label="类别" />
                <Select placeholder="全部状态" allowClear style={{ width: 110 }} value={items.filters.state} options={STATES} onChange={(v: string | undefined) => items.setFilter('state', v)} aria-label="状态" />
              </>
            }
            expandable={{
              expandedRowRender: (i) => (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="条件">{conditionText(i)}</Descriptions.Item>
                  <Descriptions.Item label="依据">{i.basis}</Descriptions.Item>
                  <Descriptions.Item label="金额历史">
                    <Space direction="vertical" size={0}>
                      {i.amountHistory.map((h) => (
                        <span key={h.version}>{`第 ${h.version} 版 · ${h.amount} · ${h.actor} · ${when(h.at)}${h.reason ? ` · 原因：${h.reason}` : ''}`}</span>
                      ))}
                    </Space>
                  </Descriptions.Item>
                  {i.retired && <Descriptions.Item label="停止执行">{`${when(i.retired.at).slice(0, 10)} ${i.retired.by}：${i.retired.reason}`}</Descriptions.Item>}
                </Descriptions>
              ),
            }}
            cardActions={canEdit ? (i) => (i.retired ? [] : itemActions(i)) : undefined}
            columns={[
              { title: '项目', dataIndex: 'name', sortKey: 'name', render: (v: string, i) => <span style={i.retired ? { textDecoration: 'line-through' } : undefined}>{v}</span> },
              { title: '代码', dataIndex: 'code', width: 190, sortKey: 'code' },
              { title: '类别', dataIndex: 'kind', width: 80, sortKey: 'kind' },
              { title: '学段', dataIndex: 'stages', width: 110, render: (v: string[]) => v.join('、') },
              { title: '金额', dataIndex: 'amount', width: 120, sortKey: 'yuan', render: (v: string, i) => <span data-testid={`amount-${i.code}`}>{v}{i.amountHistory.length > 1 ? <Tag style={{ marginLeft: 4 }}>{`改过 ${i.amountHistory.length - 1} 次`}</Tag> : null}</span> },
              { title: '条件', key: 'cond', ellipsis: true, render: (_: unknown, i) => conditionText(i) },
              { title: '分担', dataIndex: 'shares', width: 130, sortKey: 'fundSource', render: (v: Record<string, number>, i) => `${i.fundSource}；${sharesText(v)}` },
              { title: '状态', key: 'state', width: 90, render: (_: unknown, i) => (i.retired ? <Tag>停止执行</Tag> : i.pending ? <Tag color="orange">{i.pending}</Tag> : <Tag color="green">执行中</Tag>) },
              ...(canEdit
                ? [{ title: '', key: 'act', width: 150, card: false, render: (_: unknown, i: PolicyItemView) => (i.retired ? null : <Space size={0}>{itemActions(i)}</Space>) } satisfies DataColumn<PolicyItemView>]
                : []),
            ]}
          />
          <Card size="small" title="修改记录">
            <DataTable<PolicyChange>
              list={history}
              exportPath="/api/aid/policy/history"
              rowKey={(h) => h.version}
              size="small"
              emptyText="暂无修改记录"
              cardTitle={(h) => `第 ${h.version} 版 · ${h.change}`}
              columns={[
                { title: '版本', dataIndex: 'version', width: 70 },
                { title: '修改内容', dataIndex: 'change' },
                { title: '原因', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                { title: '修改人', dataIndex: 'actor', width: 110 },
                { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => when(v) },
              ]}
            />
          </Card>
        </Space>
      )}
      {editing && (
        <ItemForm
          item={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            const ok = await run(editing === 'new' ? '新增项目' : '修改项目', () => (editing === 'new' ? aidApi.addItem({ ...body, schoolYear }) : aidApi.updateItem(editing.code, { ...body, schoolYear })));
            if (ok) setEditing(null);
          }}
        />
      )}
      <Modal
        open={retiring !== null}
        title={`停止执行：${retiring?.name ?? ''}`}
        okText="停止执行"
        cancelText="取消"
        okButtonProps={{ danger: true, disabled: retireReason.trim() === '' }}
        onCancel={() => setRetiring(null)}
        onOk={() => {
          if (!retiring) return;
          void run('停止执行', () => aidApi.retireItem(retiring.code, schoolYear, retireReason)).then((ok) => {
            if (!ok) return;
            setRetiring(null);
            setRetireReason('');
          });
        }}
      >
        <Input.TextArea placeholder="停止原因（如：并入国家助学金）" value={retireReason} onChange={(e) => setRetireReason(e.target.value)} />
      </Modal>
    </Card>
  );
}

interface FormValues extends Omit<ItemPayload, 'schoolYear' | 'shares'> {
  shares: Partial<Record<(typeof LEVELS)[number], number | null>>;
}

function ItemForm({ item, onCancel, onSave }: { item: PolicyItemView | null; onCancel: () => void; onSave: (body: Omit<ItemPayload, 'schoolYear'>) => Promise<void> }) {
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const initial: Partial<FormValues> = item
    ? {
        code: item.code, name: item.name, kind: item.kind as ItemPayload['kind'], stages: item.stages, per: item.per as ItemPayload['per'], yuan: item.yuan,
        lists: item.conditions.lists as ItemPayload['lists'], householdTypes: item.conditions.householdTypes ?? [], tiers: item.conditions.tiers as ItemPayload['tiers'],
        boardingOnly: item.conditions.boardingOnly, schoolTypes: item.conditions.schoolTypes ?? [], location: item.conditions.location as ItemPayload['location'],
        fundSource: item.fundSource as ItemPayload['fundSource'], shares: item.shares, outOfAreaPayer: item.outOfAreaPayer as ItemPayload['outOfAreaPayer'], basis: item.basis,
      }
    : { kind: '补助', per: 'year', stages: [], lists: [...LISTS] as ItemPayload['lists'], tiers: ['特别困难'], boardingOnly: false, location: 'any', fundSource: '财政资金', shares: {}, outOfAreaPayer: 'school' };
  return (
    <Modal
      open
      width={720}
      title={item ? `编辑项目：${item.name}` : '新增资助项目'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={onCancel}
      onOk={() => {
        void form.validateFields().then(async (v) => {
          setSaving(true);
          const shares: Record<string, number> = {};
          for (const l of LEVELS) if (v.shares?.[l]) shares[l] = v.shares[l];
          await onSave({ ...v, yuan: v.per === 'actual' ? null : (v.yuan ?? null), shares, reason: v.reason });
          setSaving(false);
        });
      }}
    >
      <Form form={form} layout="vertical" initialValues={initial} size="small">
        <Space wrap align="start">
          <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
            <Input style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="code" label="项目代码" rules={[{ required: true, message: '请填写代码（小写字母、数字、连字符）' }]}>
            <Input style={{ width: 200 }} disabled={item !== null} placeholder="如 county-bus" />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Select style={{ width: 110 }} options={KINDS.map((k) => ({ value: k, label: k }))} />
          </Form.Item>
        </Space>
        <Form.Item name="stages" label="学段（可输入任意写法，如 普通高中、中等职业教育）" rules={[{ required: true, message: '请选择学段' }]}>
          <Select mode="tags" options={STAGES.map((s) => ({ value: s, label: s }))} aria-label="学段" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="per" label="计量">
            <Select style={{ width: 110 }} options={PER} />
          </Form.Item>
          <Form.Item name="yuan" label="金额（元）">
            <InputNumber style={{ width: 140 }} aria-label="金额" />
          </Form.Item>
          <Form.Item name="fundSource" label="资金来源">
            <Select style={{ width: 130 }} options={['财政资金', '学生资助基金', '社会捐助'].map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Space>
        <Form.Item label="各级分担比例（%），合计须为 100；都不填为未规定">
          <Space wrap>
            {LEVELS.map((l) => (
              <Form.Item key={l} name={['shares', l]} noStyle>
                <InputNumber min={0} max={100} addonBefore={l} style={{ width: 120 }} aria-label={`${l}分担`} />
              </Form.Item>
            ))}
          </Space>
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="lists" label="困难名单">
            <Checkbox.Group options={LISTS} />
          </Form.Item>
          <Form.Item name="tiers" label="认定档次">
            <Checkbox.Group options={TIERS} />
          </Form.Item>
        </Space>
        <Form.Item name="householdTypes" label="户类型（不选为全部）">
          <Select mode="multiple" allowClear options={HOUSEHOLD_TYPES.map((h) => ({ value: h, label: h }))} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="boardingOnly" label="仅寄宿生" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="location" label="就读地">
            <Select style={{ width: 140 }} options={LOCATIONS} />
          </Form.Item>
          <Form.Item name="outOfAreaPayer" label="外地就读由">
            <Select style={{ width: 150 }} options={[{ value: 'school', label: '就读学校发放' }, { value: 'home-county', label: '生源地县发放' }]} />
          </Form.Item>
          <Form.Item name="schoolTypes" label="学校类型（不填为全部）">
            <Select mode="tags" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="basis" label="政策依据" rules={[{ required: true, message: '请填写政策依据' }]}>
          <Input.TextArea rows={2} placeholder="文件名称与条款" />
        </Form.Item>
        {item && (
          <Form.Item name="reason" label="修改原因">
            <Input placeholder="如：县政府常务会议决定提标" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
