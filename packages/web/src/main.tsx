// Entry point of the dashboard (built by Vite, served by @skylane/server at /).
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './styles.css';

createRoot(document.getElementById('root')!).render(<App />);
