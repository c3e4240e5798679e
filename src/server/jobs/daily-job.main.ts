// npm run daily-job: expires lots, issues birthday-month coupons and blanks old audit addresses once, then exits (for cron with PostgreSQL).
// Idempotent: a second run the same day changes nothing. With PGlite, stop the BFF first (one process per folder).
import { bootstrap } from '../bootstrap';
import { readServerEnv } from '../config/env';
import { expireAuditAddresses } from '../linking/audit-retention';

const env = readServerEnv();
const { deps, database } = await bootstrap({ ...env, seedPersonas: false });
try {
  const result = await deps.loyalty.runDailyJob();
  const auditAddressesExpired = await expireAuditAddresses(deps.db, deps.clock(), deps.program.privacy.auditAddressRetentionDays);
  deps.logger.info({ dailyJob: { ...result, auditAddressesExpired } }, 'daily job');
} finally {
  await database.close();
}
