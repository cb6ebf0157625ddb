// Entry of the web app: antd in Chinese (zh_CN), the app shell mounted into #root.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
// antd has no "exports" map: NodeNext needs the file path of its ES build and types it as
// CommonJS, while Vite loads it as an ES module; unwrap the locale either way.
import * as zhCNModule from 'antd/es/locale/zh_CN.js';
import type { Locale } from 'antd/es/locale/index.js';
import { App } from './App.tsx';
import './phone.css';

const loaded: unknown = zhCNModule.default;
const zhCN = ((loaded as Partial<Locale>).locale ? loaded : (loaded as { default: unknown }).default) as Locale;

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { fontFamily: FONT, colorPrimary: '#c0392b' } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
