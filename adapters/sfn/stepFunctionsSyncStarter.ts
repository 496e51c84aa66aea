import type { SFNClient } from '@aws-sdk/client-sfn';
import { DescribeExecutionCommand, ExecutionAlreadyExists, ExecutionDoesNotExist, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ExecutionStatus, SyncRequest, SyncStarter } from '../../core/ports/syncStarter';

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

  async executionStatus(runId: string): Promise<ExecutionStatus> {
    // arn:aws:states:<region>:<account>:stateMachine:<name> → …:execution:<name>:<execution name>
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${runId}`;
    try {
      const described = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      switch (described.status) {
        case 'RUNNING':
        case 'PENDING_REDRIVE':
          return 'running';
        case 'SUCCEEDED':
          return 'succeeded';
        case 'TIMED_OUT':
          return 'timed_out';
        case 'ABORTED':
          return 'aborted';
        default:
          return 'failed';
      }
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist || (error instanceof Error && error.name === 'ExecutionDoesNotExist')) return 'missing';
      throw error;
    }
  }
}
