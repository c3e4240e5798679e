import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ClerkApp, createQueryClient } from './app';
import './styles.css';

// The clerk console: its own entry (clerk/index.html), no LIFF, nothing shared with the shopper bundle but the contract and src/shared.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ClerkApp queryClient={createQueryClient()} />
  </StrictMode>,
);
