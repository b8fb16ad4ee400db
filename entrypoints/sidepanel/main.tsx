import { createRoot } from 'react-dom/client';
import { SidePanelApp } from '@/components/sidepanel/side-panel-app';
import '@/components/styles.css';

createRoot(document.getElementById('root')!).render(<SidePanelApp />);
