import { Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { RequireSession } from './api/session.js';
import { PageState } from './components/PageState.js';
import { Shell } from './components/Shell.js';
import { SyntheticProvider } from './components/Synthetic.js';
import { SelectionProvider } from './lib/selection.js';
import { LoginPage } from './pages/login/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { ROUTES } from './routes.js';

function SignedIn() {
  return (
    <RequireSession>
      <SelectionProvider>
        <SyntheticProvider>
          <Shell>
            <Suspense fallback={<PageState loading />}>
              <Routes>
                {ROUTES.map(({ path, page: Page }) => (
                  <Route key={path} path={path} element={<Page />} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </Shell>
        </SyntheticProvider>
      </SelectionProvider>
    </RequireSession>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="*" element={<SignedIn />} />
    </Routes>
  );
}
