// Whether charts are drawn as static markup: true in the server's render of the first view (render-first-view.tsx),
// which has no canvas to draw on and no script to run before the page is painted; false in the app.
import { createContext } from 'react';

export const StaticCharts = createContext(false);
