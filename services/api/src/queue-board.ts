import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JobQueue } from '@huiyin/queues';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { sendProblem } from './problem.ts';

/** A queue's name without the run's prefix, which BullMQ's PostgreSQL backend puts before a dot (our names have none). */
const shortName = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** Where the queue board is served. */
const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * bull-board at /admin/queues, for admins signed in to the console: the timer and notice-channel
 * queues' jobs, failures and retries. Redis is not the truth (PostgreSQL is): what an admin does here, a
 * reconcile or the catch-up puts right.
 */
export async function registerQueueBoard(app: FastifyInstance, queues: readonly JobQueue<unknown>[], isAdmin: (request: FastifyRequest) => boolean) {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q as never, { displayName: shortName(q.name) })), serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Huiyin queues' } } });
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        if (!isAdmin(request)) return sendProblem(reply, request, 'auth.forbidden', 'the queue board is for admins: sign in to the console as one');
        return undefined;
      });
      await scope.register(adapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
