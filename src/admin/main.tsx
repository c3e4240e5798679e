import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AdminApp, createQueryClient } from './app';
import './styles.css';

// The operator dashboard: its own entry (admin/index.html); it shares nothing with the shopper bundle but the contract and src/shared.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AdminApp queryClient={createQueryClient()} />
  </StrictMode>,
);
