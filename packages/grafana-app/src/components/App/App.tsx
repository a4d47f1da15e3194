import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { CompliancePage } from '../../pages/CompliancePage';
import { ModelsPage } from '../../pages/ModelsPage';
import type { AppSettings } from '../../utils/settings';

function App({ meta }: AppRootProps<AppSettings>) {
  return (
    <Routes>
      <Route path="compliance/*" element={<CompliancePage settings={meta.jsonData ?? {}} />} />
      {/* The overview is the app's home (nav path /models); any other path of the app lands there too. */}
      <Route path="*" element={<ModelsPage settings={meta.jsonData ?? {}} />} />
    </Routes>
  );
}

export default App;
