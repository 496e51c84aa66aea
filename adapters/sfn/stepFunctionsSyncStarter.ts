import type { SFNClient} from '@aws-sdk/client-sfn';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { SyncRequest, SyncStarter } from '../../core/ports/syncStarter';

/**
 * Starts sync-source with the run id as the execution name: Step Functions
 * refuses a second execution of that name, so a retried start is harmless.
 */
export class StepFunctionsSyncStarter implements SyncStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(request: SyncRequest): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: request.runId, input: JSON.stringify(request) }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }
}
