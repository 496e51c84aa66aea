import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { parseWith } from '../../core/validation/parseWith';
import type { Logger } from '../../adapters/logging/logger';

/**
 * The shared stack for state machine tasks: validates the input, logs the
 * outcome with tenant, source and run ids, and lets errors through unchanged so
 * the ASL's Retry and Catch see their names (TransientError, PermanentError, ...).
 */
export function taskHandler<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.output<S>, context: Context) => Promise<R>,
  logger: () => Logger,
) {
  return middy<unknown, R>().handler(async (event, context) => {
    const input = parseWith(schema, event, 'input');
    const ids = pickIds(input);
    try {
      const result = await run(input, context);
      logger().info({ task: name, ...ids }, 'task done');
      return result;
    } catch (error) {
      logger().error({ task: name, ...ids, err: error }, 'task failed');
      throw error;
    }
  });
}

function pickIds(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return {};
  const { tenantId, sourceId, runId } = input as Record<string, unknown>;
  return { tenantId, sourceId, runId };
}
