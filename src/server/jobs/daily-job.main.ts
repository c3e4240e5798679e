// npm run daily-job: expires lots and issues birthday-month coupons once, then exits (for cron with PostgreSQL).
// Idempotent: a second run the same day changes nothing. With PGlite, stop the BFF first (one process per folder).
import { bootstrap } from '../bootstrap';
import { readServerEnv } from '../config/env';

const env = readServerEnv();
const { deps, database } = await bootstrap({ ...env, seedPersonas: false });
try {
  const result = await deps.loyalty.runDailyJob();
  deps.logger.info({ dailyJob: result }, 'daily job');
} finally {
  await database.close();
}
