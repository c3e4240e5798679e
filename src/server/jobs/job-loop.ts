import type { Logger } from '../logging/logger';
import { runJobTick, type JobDeps } from './jobs';

/**
 * Runs job ticks every `intervalSeconds` until stopped. A failing tick (database restart, LINE
 * outage) is logged and tried again next time: the loop, and the BFF hosting it, stay up.
 */
export function startJobLoop(deps: JobDeps, intervalSeconds: number, logger: Logger): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const report = await runJobTick(deps);
      const { outbox, daily } = report;
      if (daily || outbox.sent + outbox.skipped + outbox.retried + outbox.failed > 0) logger.info({ jobs: report }, 'job tick');
    } catch (error) {
      // Error codes only: a failed outbox query carries LINE user ids in its parameters.
      logger.error({ err: error }, 'job tick failed');
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalSeconds * 1000);
  };
  running = tick();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
