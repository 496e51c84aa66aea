import { z } from 'zod';

/** Inputs of the state machine tasks, checked at each step so a bad payload fails loudly and early. */
const id = z.string().min(1).max(200);

export const runRefSchema = z.object({ tenantId: id, sourceId: id, runId: id });

export const beginRunInputSchema = runRefSchema.extend({ trigger: z.enum(['schedule', 'manual', 'initial']) });


/** Step Functions' Catch output: `Cause` is the Lambda error as a JSON string. */
export const taskFailureSchema = z.object({ Error: z.string(), Cause: z.string().optional() });

export const finishRunInputSchema = runRefSchema.extend({
  failure: taskFailureSchema.optional(),
});
