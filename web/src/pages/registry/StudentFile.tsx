// 一生一档: one student's whole file in a wide drawer — 基本信息, 困难家庭与比对, 认定, 应享资助,
// 发放记录, 变动记录. Everything arrives shaped by the server's presenter; a section the role may not
// see arrives as null and its tab is not shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { EyeOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, type StudentFile } from '../../api.ts';
import { errorText } from '../../hooks.ts';
import { RegionName } from '../../components/RegionName.tsx';

type File = StudentFile;
const sexText = (s: string | null) => (s === 'M' ? '男' : s === 'F' ? '女' : (s ?? '—'));
const yuan = (n: number | null) => (n === null ? '据实' : `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元`);
const day = (s: string | null) => (s ? s.slice(0, 10) : '—');
const STATUS_COLORS: Record<string, string> = { confirmed: 'green', auto: 'blue', review: 'orange', rejected: 'red' };

function Basic({ f, canFull, onFull }: { f: File; canFull: boolean; onFull: () => void }) {
  const s = f.student;
  return (
    <Descriptions column={2} size="small" bordered>
      <Descriptions.Item label="姓名">{s.name}</Descriptions.Item>
      <Descriptions.Item label="学籍号">{s.studentNo}</Descriptions.Item>
      <Descriptions.Item label="身份证件号" span={2}>
        <Space>
          {s.idNumber ?? '无'}
          {canFull && !f.fullId && (
            <Button size="small" icon={<EyeOutlined />} onClick={onFull}>
              查看完整（将记录审计）
            </Button>
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label="性别">{sexText(s.sex)}</Descriptions.Item>
      <Descriptions.Item label="出生日期">{s.birthDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="民族">{s.ethnicity ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="户籍行政区划">
        <RegionName code={s.hukouRegion} name={s.hukouRegionName} />
      </Descriptions.Item>
      <Descriptions.Item label="学校" span={2}>{`${s.schoolName ?? ''}（${s.schoolCode}）`}</Descriptions.Item>
      <Descriptions.Item label="学段 / 年级">{`${s.stage ?? '—'} / ${s.grade ?? '—'}`}</Descriptions.Item>
      <Descriptions.Item label="寄宿">{s.boarding ? '是' : '否'}</Descriptions.Item>
      <Descriptions.Item label="学籍状态">{s.status}</Descriptions.Item>
      {s.matchStatusLabel !== null && <Descriptions.Item label="比对状态">{s.matchStatusLabel}</Descriptions.Item>}
    </Descriptions>
  );
}

function Households({ f }: { f: File }) {
  return (
    <>
      <Typography.Title level={5}>困难家庭</Typography.Title>
      {(f.households ?? []).length === 0 && <Empty description="未比中任何困难家庭名单" />}
      {(f.households ?? []).map((h, i) => (
        <div key={i} style={{ marginBottom: 16 }}>
          <Space style={{ marginBottom: 8 }}>
            <Tag color="blue">{h.listKind}</Tag>
            <span>户编号：{h.householdNo ?? '—'}</span>
            {h.householdType && <span>户类型：{h.householdType}</span>}
            {h.yearIdentified !== null && <span>识别年度：{h.yearIdentified}</span>}
            {h.yearExited !== null && <span>脱贫年度：{h.yearExited}</span>}
          </Space>
          <Table
            rowKey={(m) => String(h.members.indexOf(m))}
            size="small"
            pagination={false}
            dataSource={h.members}
            columns={[
              { title: '姓名', dataIndex: 'name', render: (v: string, m) => (m.self ? <Space>{v}<Tag color="green">本人</Tag></Space> : v) },
              { title: '与户主关系', dataIndex: 'relation' },
              { title: '性别', dataIndex: 'sex', render: sexText },
              { title: '出生日期', dataIndex: 'birthDate' },
              { title: '身份证件号', dataIndex: 'idNumber' },
            ]}
          />
        </div>
      ))}
      <Typography.Title level={5}>比对记录</Typography.Title>
      <Table
        rowKey={(m) => String((f.matches ?? []).indexOf(m))}
        size="small"
        pagination={false}
        dataSource={f.matches ?? []}
        locale={{ emptyText: '没有比对记录' }}
        expandable={{
          rowExpandable: (m) => m.decisions.length > 0,
          expandedRowRender: (m) => (
            <Table
              rowKey={(d) => String(m.decisions.indexOf(d))}
              size="small"
              pagination={false}
              dataSource={m.decisions}
              columns={[
                { title: '时间', dataIndex: 'at', render: (v: string) => v.replace('T', ' ').slice(0, 19) },
                { title: '操作人', dataIndex: 'actor' },
                { title: '层级', dataIndex: 'level' },
                { title: '决定', dataIndex: 'decisionLabel' },
                { title: '理由', dataIndex: 'reason' },
              ]}
            />
          ),
        }}
        columns={[
          { title: '名单', dataIndex: 'listKind', width: 90 },
          { title: '户编号', dataIndex: 'householdNo', width: 140 },
          { title: '成员', dataIndex: 'memberName', width: 90, render: (v: string | null, m) => `${v ?? '—'}${m.memberRelation ? `（${m.memberRelation}）` : ''}` },
          { title: '比对方式', dataIndex: 'method' },
          { title: '置信度', dataIndex: 'confidence', width: 80, render: (v: number) => `${Math.round(v * 100)}%` },
          { title: '依据', dataIndex: 'basis' },
          { title: '状态', dataIndex: 'status', width: 90, render: (v: string, m) => <Tag color={STATUS_COLORS[v]}>{m.statusLabel}</Tag> },
          { title: '最近决定', key: 'd', render: (_: unknown, m) => (m.decision ? `${m.decision.actor}（${m.decision.level}）${m.decision.decisionLabel} ${day(m.decision.at)}` : '—') },
        ]}
      />
    </>
  );
}

/** The 认定, 应享资助 and 发放记录 tabs: only those the server sent (null: the role may not see them). */
function aidTabs(f: File) {
  const items = [];
  if (f.recognitions)
    items.push({
      key: 'rec',
      label: '认定',
      children: (
        <Table
          rowKey={(r) => String(r.schoolYear)}
          size="small"
          pagination={false}
          dataSource={f.recognitions}
          locale={{ emptyText: '没有认定记录' }}
          columns={[
            { title: '学年', dataIndex: 'schoolYear', width: 80 },
            { title: '状态', dataIndex: 'status', width: 80 },
            { title: '困难等级', dataIndex: 'tier', width: 100 },
            { title: '申请理由', dataIndex: 'application' },
            { title: '认定意见', dataIndex: 'decisionReason' },
            { title: '申请日期', dataIndex: 'appliedAt', width: 110, render: day },
            { title: '认定人 / 日期', key: 'd', width: 160, render: (_: unknown, r) => (r.decidedBy ? `${r.decidedBy} ${day(r.decidedAt)}` : '—') },
          ]}
        />
      ),
    });
  if (f.entitlements)
    items.push({
      key: 'ent',
      label: '应享资助',
      children: (
        <Table
          rowKey={(e) => String(f.entitlements!.indexOf(e))}
          size="small"
          pagination={false}
          dataSource={f.entitlements}
          locale={{ emptyText: '没有应享资助记录' }}
          columns={[
            { title: '学年', dataIndex: 'schoolYear', width: 70 },
            { title: '学期', dataIndex: 'term', width: 60 },
            { title: '学校', dataIndex: 'schoolName' },
            { title: '资助项目', dataIndex: 'itemName' },
            { title: '金额', dataIndex: 'amountYuan', width: 110, render: yuan },
            { title: '理由', dataIndex: 'reason' },
            { title: '依据', dataIndex: 'basis' },
            { title: '状态', dataIndex: 'status', width: 90, render: (v: string, e) => (v === 'active' ? '有效' : `已停止${e.stopReason ? `：${e.stopReason}` : ''}`) },
          ]}
        />
      ),
    });
  if (f.payments)
    items.push({
      key: 'pay',
      label: '发放记录',
      children: (
        <Table
          rowKey={(p) => String(f.payments!.indexOf(p))}
          size="small"
          pagination={false}
          dataSource={f.payments}
          locale={{ emptyText: '没有发放记录' }}
          columns={[
            { title: '批次', dataIndex: 'batchId', width: 70 },
            { title: '学年 / 学期', key: 't', width: 110, render: (_: unknown, p) => `${p.schoolYear} ${p.term}` },
            { title: '资助项目', dataIndex: 'itemName' },
            { title: '金额', dataIndex: 'amountYuan', width: 110, render: yuan },
            { title: '批次状态', dataIndex: 'batchStatus', width: 90 },
            { title: '发放状态', dataIndex: 'payStatus', width: 90, render: (v: string, p) => (p.failReason ? `${v}：${p.failReason}` : v) },
            { title: '发放日期', dataIndex: 'paidAt', width: 110, render: day },
          ]}
        />
      ),
    });
  return items;
}

function Changes({ f }: { f: File }) {
  return (
    <Table
      rowKey={(c) => String(f.changes.indexOf(c))}
      size="small"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      dataSource={f.changes}
      locale={{ emptyText: '没有变动记录' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 110, render: day },
        { title: '类型', dataIndex: 'action', width: 70 },
        { title: '操作人', dataIndex: 'actor', width: 100 },
        {
          title: '变动内容',
          key: 'fields',
          render: (_: unknown, c) => (
            <Space orientation="vertical" size={0}>
              {c.fields.map((x) => (
                <span key={x.field}>
                  {x.label}：{x.before ?? '（空）'} → {x.after ?? '（空）'}
                </span>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The drawer of one student's file; `id` is the opaque reference of a list row (null: closed). */
export function StudentFileDrawer({ id, canFull, onClose }: { id: string | null; canFull: boolean; onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const lastFull = useRef(false); // 重试 repeats the request that failed
  const load = useCallback(
    (full: boolean) => {
      if (!id) return;
      lastFull.current = full;
      setLoading(true);
      setError(null);
      api
        .studentFile(id, full)
        .then(setFile)
        .catch((e: unknown) => setError(errorText(e)))
        .finally(() => setLoading(false));
    },
    [id],
  );
  useEffect(() => {
    setFile(null);
    load(false);
  }, [load]);

  const f = file;
  const tabs = f
    ? [
        { key: 'basic', label: '基本信息', children: <Basic f={f} canFull={canFull} onFull={() => load(true)} /> },
        ...(f.matches ? [{ key: 'hh', label: '困难家庭与比对', children: <Households f={f} /> }] : []),
        ...aidTabs(f),
        { key: 'changes', label: '变动记录', children: <Changes f={f} /> },
      ]
    : [];
  return (
    <Drawer title={f ? `${f.student.name} · 一生一档` : '学生档案'} open={id !== null} onClose={onClose} size={1000}>
      {error && (
        <Alert
          type="error"
          showIcon
          title="学生档案加载失败"
          description={error}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => load(lastFull.current)}>
              重试
            </Button>
          }
        />
      )}
      <Spin spinning={loading}>{f ? <Tabs items={tabs} /> : !error && <div style={{ minHeight: 200 }} />}</Spin>
    </Drawer>
  );
}
