// The application shell: session check, side menu (each page shown only when the user's permissions
// allow it: 概览, 我的任务, 学生名单, 比对复核, 数据导入, 发放批次, 资助覆盖率, 控辍保学, 关爱对象, 账号管理,
// 审计日志), header with the user's name, 个人设置 and 退出.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Grid, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { AccountBookOutlined, FundOutlined, SolutionOutlined, UnorderedListOutlined, AuditOutlined, BarChartOutlined, CarryOutOutlined, CloudUploadOutlined, DashboardOutlined, FileSearchOutlined, HeartOutlined, IdcardOutlined, LogoutOutlined, MoneyCollectOutlined, SettingOutlined, ScheduleOutlined, SwapOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { api, ApiError, setUnauthenticatedHandler, type Me } from './api.ts';
import { navigate, useRoute, type RoutePath } from './router.ts';
import { Login } from './pages/platform/Login.tsx';
import { Audit } from './pages/platform/Audit.tsx';
import { Imports } from './pages/platform/Imports.tsx';
import { Batches } from './pages/aid/Batches.tsx';
import { SignOff } from './pages/aid/SignOff.tsx';
import { Coverage } from './pages/aid/Coverage.tsx';
import { Policy } from './pages/aid/Policy.tsx';
import { Entitlements } from './pages/aid/Entitlements.tsx';
import { Recognitions } from './pages/aid/Recognitions.tsx';
import { Ledger } from './pages/aid/Ledger.tsx';
import { Students } from './pages/registry/Students.tsx';
import { MatchReview } from './pages/registry/MatchReview.tsx';
import { Dashboard } from './pages/indicators/Dashboard.tsx';
import { Users } from './pages/platform/Users.tsx';
import { Profile } from './pages/platform/Profile.tsx';
import { Cases } from './pages/dropout/Cases.tsx';
import { MyChildren } from './pages/care/MyChildren.tsx';
import { Projects } from './pages/projects/Projects.tsx';
import { Teachers } from './pages/schools/Teachers.tsx';
import { Supervision } from './pages/indicators/Supervision.tsx';
import { Indicators } from './pages/indicators/Indicators.tsx';
import { MyTasks } from './pages/tasks/MyTasks.tsx';
import { Pairings } from './pages/care/Pairings.tsx';
import { Activities } from './pages/schools/Activities.tsx';

type Permission = Me['permissions'][number];

const MENU: { path: RoutePath; label: string; icon: ReactNode; needs: Permission }[] = [
  { path: '/', label: '概览', icon: <DashboardOutlined />, needs: 'dashboard.read' },
  { path: '/tasks', label: '我的任务', icon: <CarryOutOutlined />, needs: 'task.read' },
  { path: '/students', label: '学生名单', icon: <TeamOutlined />, needs: 'student.read' },
  { path: '/matches', label: '比对复核', icon: <SwapOutlined />, needs: 'match.read' },
  { path: '/imports', label: '数据导入', icon: <CloudUploadOutlined />, needs: 'job.read' },
  { path: '/aid/policy', label: '政策设置', icon: <SettingOutlined />, needs: 'aid.readFunds' },
  { path: '/aid/recognitions', label: '困难认定', icon: <SolutionOutlined />, needs: 'aid.read' },
  { path: '/aid/entitlements', label: '资助名单', icon: <UnorderedListOutlined />, needs: 'aid.read' },
  { path: '/aid/signoff', label: '审核上报', icon: <AuditOutlined />, needs: 'aid.readFunds' },
  { path: '/aid/batches', label: '发放批次', icon: <MoneyCollectOutlined />, needs: 'aid.readFunds' },
  { path: '/aid/coverage', label: '资助覆盖率', icon: <BarChartOutlined />, needs: 'aid.read' },
  { path: '/aid/ledger', label: '资助台账', icon: <AccountBookOutlined />, needs: 'aid.readFunds' },
  { path: '/dropout', label: '控辍保学案件', icon: <FileSearchOutlined />, needs: 'dropout.read' },
  { path: '/care', label: '关爱对象', icon: <HeartOutlined />, needs: 'care.read' },
  { path: '/teachers', label: '教师队伍', icon: <TeamOutlined />, needs: 'teacher.read' },
  { path: '/projects', label: '项目台账', icon: <BarChartOutlined />, needs: 'project.read' },
  { path: '/indicators', label: '指标考核', icon: <FundOutlined />, needs: 'indicator.read' },
  { path: '/supervision', label: '督导问责', icon: <AuditOutlined />, needs: 'supervision.read' },
  { path: '/care/pairings', label: '包保结对户', icon: <TeamOutlined />, needs: 'pairing.read' },
  { path: '/schools/activities', label: '学校结对与活动', icon: <ScheduleOutlined />, needs: 'activity.read' },
  { path: '/users', label: '账号管理', icon: <IdcardOutlined />, needs: 'user.manage' },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, needs: 'audit.read' },
];

/** A teacher's care page lists only the children assigned to them. */
const menuLabel = (m: (typeof MENU)[number], me: Me) => (m.path === '/care' && me.role === 'teacher' ? '我的关爱对象' : m.label);

function Page({ route, me }: { route: RoutePath; me: Me }) {
  const entry = MENU.find((m) => m.path === route);
  if (entry && !me.permissions.includes(entry.needs)) return <Result status="403" title="无权访问" subTitle="当前账号的角色不能查看此页面。" />;
  switch (route) {
    case '/students':
      return <Students me={me} />;
    case '/matches':
      return <MatchReview me={me} />;
    case '/imports':
      return <Imports me={me} />;
    case '/aid/signoff':
      return <SignOff me={me} />;
    case '/aid/batches':
      return <Batches me={me} />;
    case '/aid/coverage':
      return <Coverage />;
    case '/aid/policy':
      return <Policy me={me} />;
    case '/aid/entitlements':
      return <Entitlements me={me} />;
    case '/aid/recognitions':
      return <Recognitions me={me} />;
    case '/aid/ledger':
      return <Ledger />;
    case '/audit':
      return <Audit />;
    case '/users':
      return <Users />;
    case '/profile':
      return <Profile me={me} />;
    case '/tasks':
      return <MyTasks />;
    case '/dropout':
      return <Cases me={me} />;
    case '/care':
      return <MyChildren me={me} />;
    case '/projects':
      return <Projects me={me} />;
    case '/teachers':
      return <Teachers me={me} />;
    case '/supervision':
      return <Supervision me={me} />;
    case '/indicators':
      return <Indicators me={me} />;
    case '/schools/activities':
      return <Activities me={me} />;
    case '/care/pairings':
      return <Pairings me={me} />;
    default:
      return <Dashboard />;
  }
}

export function App() {
  const { message } = AntApp.useApp();
  const route = useRoute();
  const phone = Grid.useBreakpoint().md === false;
  const [me, setMe] = useState<Me | null | undefined>(undefined); // undefined: still asking

  const loadMe = useCallback(() => {
    api
      .me()
      .then(setMe)
      .catch((e: unknown) => {
        setMe(null);
        if (!(e instanceof ApiError && e.status === 401)) void message.error(e instanceof ApiError ? e.message : '无法连接服务器');
      });
  }, [message]);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    loadMe();
    return () => setUnauthenticatedHandler(null);
  }, [loadMe]);

  const logout = async () => {
    await api.logout().catch(() => undefined);
    setMe(null);
    navigate('/');
  };

  if (me === undefined) {
    return (
      <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (me === null) return <Login onLoggedIn={loadMe} />;

  const who = me.displayName ?? me.username;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="dark" width={200}>
        <div style={{ color: '#fff', fontSize: 20, fontWeight: 600, padding: '16px 24px' }}>扶智</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[route]}
          items={MENU.filter((m) => me.permissions.includes(m.needs)).map((m) => ({ key: m.path, icon: m.icon, label: menuLabel(m, me) }))}
          onClick={({ key }) => navigate(key as RoutePath)}
        />
      </Layout.Sider>
      <Layout>
        {/* on a phone: the user's name and two icon buttons, the title and role left out (no sideways scrolling) */}
        <Layout.Header style={{ background: '#fff', padding: phone ? '0 8px' : '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          {!phone && <Typography.Text strong>教育精准扶贫 · 学生资助管理平台</Typography.Text>}
          <Space style={{ minWidth: 0, marginInlineStart: 'auto' }}>
            <UserOutlined />
            <span data-testid="current-user">{who}</span>
            {!phone && (
              <Typography.Text type="secondary">
                {me.roleLabel}
                {me.schoolName ? ` · ${me.schoolName}` : ''}
              </Typography.Text>
            )}
            <Button icon={<SettingOutlined />} onClick={() => navigate('/profile')} aria-label="个人设置" title="个人设置">
              {phone ? null : '个人设置'}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()} aria-label="退出" title="退出">
              {phone ? null : '退出'}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: phone ? 8 : 24, minWidth: 0 }}>
          <Page route={route} me={me} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
