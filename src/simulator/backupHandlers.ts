// Cloud Backup endpoints (FACTS.md §3–§6).
import type { Route } from './routes';

export const backupRoutes: Route[] = [];
