// The scheduled work of communications: the outbox every minute, reminders every morning.
import { plainDateOf } from '../../../core/kernel/plain-date.js';
import type { AppConfig } from '../../config.js';
import type { JobRunner } from '../../jobs/runner.js';
import { createEmailChannel, createIoChannel, type ChannelAdapter } from './channels.js';
import { processOutbox, type MessageSettings } from './communications.actions.js';
import { generateReminders } from './reminders.js';

export function channelsFromConfig(config: AppConfig): Partial<Record<'email' | 'io', ChannelAdapter>> {
  const { smtp, io } = config.communications;
  return {
    ...(smtp ? { email: createEmailChannel(smtp) } : {}),
    ...(io ? { io: createIoChannel(io) } : {}),
  };
}

export function messageSettings(config: AppConfig): MessageSettings {
  return { office: config.communications.office, timeZone: config.timeZone };
}

export function registerCommunicationJobs(
  runner: JobRunner,
  config: AppConfig,
  now: () => Date,
  adapters: Partial<Record<'email' | 'io', ChannelAdapter>> = channelsFromConfig(config),
): void {
  runner.registerJob('communications.outbox', { everyMinutes: 1 }, async ({ db }) => {
    await processOutbox(db, adapters, { now });
  });
  runner.registerJob(
    'communications.reminders',
    { dailyAt: '07:00', timeZone: config.timeZone },
    async ({ db, now: at }) => {
      await generateReminders(db.kysely, messageSettings(config), plainDateOf(at, config.timeZone), at);
    },
  );
}
