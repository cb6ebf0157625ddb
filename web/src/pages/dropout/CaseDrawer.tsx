// One dropout case in a drawer: the ledger facts, the steps its status allows (for users who work on
// cases), the history of every step and the persuasion visits.
import { useState } from 'react';
import { Button, Descriptions, Drawer, Empty, Grid, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { api, proofApi, type CaseDetail, type CaseStepKind, type Me } from '../../api.ts';
import { useLoader } from '../../hooks.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { STEP_LABELS, StepForm } from './StepForm.tsx';

export const STATUS_COLORS: Record<string, string> = { 待核查: 'orange', 劝返中: 'red', 已排除: 'default', 已复学: 'green', 送教上门: 'blue', 已转学: 'cyan' };

const DETAIL_WORDS: Record<string, string> = { category: '类别', note: '说明', by: '走访人', next: '下一步', outcome: '结果', school: '学校', townshipUser: '乡镇', villageCadre: '村', date: '日期' };

/** A step's details in words; a school by its name (the code when the server knows none). */
function detailText(d: Record<string, unknown>, schools: Record<string, string>): string {
  return Object.entries(d)
    .filter(([k, v]) => v !== null && v !== '' && k in DETAIL_WORDS)
    .map(([k, v]) => `${DETAIL_WORDS[k]}：${k === 'school' && typeof v === 'string' ? (schools[v] ?? v) : typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}`)
    .join('；');
}

/** Who works on the case: the assigned school by name, the township account, the village cadre. */
function responsibleText(d: CaseDetail): string {
  const parts = [d.assignedSchool && `学校 ${d.schoolNames[d.assignedSchool] ?? d.assignedSchool}`, d.townshipUser && `乡镇 ${d.townshipUser}`, d.villageCadre && `村 ${d.villageCadre}`].filter(Boolean);
  return parts.length > 0 ? parts.join('；') : d.responsible || '未指定';
}

/** 证明材料: downloaded only within the case's scope (the server answers 404 otherwise). */
function Proofs({ caseNo, status }: { caseNo: string; status: string }) {
  const { data } = useLoader(() => proofApi.proofs(caseNo), [caseNo, status]);
  if (!data || data.items.length === 0) return null;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        证明材料（{data.items.length}）
      </Typography.Title>
      {data.items.map((p) => (
        <div key={p.id}>
          <a href={proofApi.proofUrl(caseNo, p.id)} download={p.fileName}>
            {p.fileName}
          </a>
          <Typography.Text type="secondary">{`  ${(p.size / 1024).toFixed(0)} KB · ${p.actor} · ${p.at.slice(0, 10)}`}</Typography.Text>
        </div>
      ))}
    </>
  );
}

function Body({ d, canWork, onStep }: { d: CaseDetail; canWork: boolean; onStep: (s: CaseStepKind) => void }) {
  return (
    <>
      {canWork && d.allowedSteps.length > 0 && (
        <Space wrap style={{ marginBottom: 16 }}>
          {d.allowedSteps.map((s) => (
            <Button key={s} type={s === 'confirm' || s === 'return' ? 'primary' : 'default'} onClick={() => onStep(s)}>
              {STEP_LABELS[s]}
            </Button>
          ))}
        </Space>
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[d.status]}>{d.status}</Tag>
          {d.category && `（${d.category}）`}
        </Descriptions.Item>
        <Descriptions.Item label="身份证件号">{d.idNumber || '无'}</Descriptions.Item>
        <Descriptions.Item label="学籍号">{d.studentNo || '无'}</Descriptions.Item>
        <Descriptions.Item label="出生日期 / 年龄">{`${d.birthDate || '—'} / ${d.age ?? '—'}`}</Descriptions.Item>
        <Descriptions.Item label="学校">{d.schoolCode ? (d.schoolNames[d.schoolCode] ?? d.schoolCode) : '—'}</Descriptions.Item>
        <Descriptions.Item label="乡镇">{d.township ? <RegionName code={d.township} name={d.townshipName} secondary={false} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label="户籍地">{d.hukouRegion ? <RegionName code={d.hukouRegion} name={d.hukouRegionName} secondary={false} /> : '—'}</Descriptions.Item>
        <Descriptions.Item label="来源">{d.sources}</Descriptions.Item>
        <Descriptions.Item label="立案依据">{d.basis || '—'}</Descriptions.Item>
        <Descriptions.Item label="责任人">{responsibleText(d)}</Descriptions.Item>
        <Descriptions.Item label="最近走访">{d.lastVisit || '无'}</Descriptions.Item>
        <Descriptions.Item label="结果">{d.outcome || '—'}</Descriptions.Item>
      </Descriptions>
      <Proofs caseNo={d.caseNo} status={d.status} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        劝返走访（{d.visits.length}）
      </Typography.Title>
      {d.visits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无走访记录" />
      ) : (
        d.visits.map((v, i) => (
          <div key={i} style={{ marginBottom: 8 }}>
            <Typography.Text strong>{`${v.date ?? ''} ${v.by}`}</Typography.Text>
            <div>{v.note}</div>
            {v.next && <Typography.Text type="secondary">下一步：{v.next}</Typography.Text>}
          </div>
        ))
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        办理记录
      </Typography.Title>
      <Timeline
        items={d.history.map((e) => ({
          content: (
            <>
              <Typography.Text strong>{e.actionLabel}</Typography.Text>
              {e.fromStatus !== e.toStatus && e.toStatus && <Typography.Text type="secondary">{`  ${e.fromStatus ?? ''} → ${e.toStatus}`}</Typography.Text>}
              <div>
                <Typography.Text type="secondary">{`${e.date ?? e.at.slice(0, 10)} · ${e.actor}`}</Typography.Text>
              </div>
              {detailText(e.detail, d.schoolNames) && <div>{detailText(e.detail, d.schoolNames)}</div>}
            </>
          ),
        }))}
      />
    </>
  );
}

export function CaseDrawer({ caseNo, me, onClose, onChanged }: { caseNo: string; me: Me; onClose: () => void; onChanged: () => void }) {
  const { data, loading, error, reload } = useLoader(() => api.dropoutCase(caseNo), [caseNo]);
  const [step, setStep] = useState<CaseStepKind | null>(null);
  const screens = Grid.useBreakpoint();
  return (
    <Drawer title={data ? `${data.name} · ${data.caseNo}` : caseNo} open onClose={onClose} size={screens.md ? 560 : '100%'}>
      {error && !data ? <LoadError message={error} onRetry={reload} /> : !data ? <Spin spinning={loading} /> : <Body d={data} canWork={me.permissions.includes('dropout.work')} onStep={setStep} />}
      {step && (
        <StepForm
          caseNo={caseNo}
          step={step}
          by={me.displayName ?? me.username}
          onClose={() => setStep(null)}
          onDone={() => {
            setStep(null);
            reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}
