import { createRoot } from 'react-dom/client';
import { DashboardApp } from '@/components/dashboard/dashboard-app';
import '@/components/styles.css';

createRoot(document.getElementById('root')!).render(<DashboardApp />);
