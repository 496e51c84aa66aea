import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { localExecutionArn, localStateMachineArn } from './localArns';
import { taskStates, type AslDefinition } from './loadDefinition';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  status: ExecutionStatus;
  readonly startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  abort: () => void;
  done: Promise<void>;
}

export class StepFunctionsError extends Error {
  constructor(
    override readonly name: 'ExecutionAlreadyExists' | 'StateMachineDoesNotExist' | 'ExecutionDoesNotExist' | 'InvalidName',
    message: string,
  ) {
    super(message);
  }
}

/** The interpreter's JSON value type, which the package does not export by name. */
export type JSONValue = Parameters<StateMachine['run']>[0];

export type TaskInvoker = (resourceArn: string, input: JSONValue) => Promise<JSONValue>;

export interface LocalMachine {
  readonly name: string;
  readonly definition: AslDefinition;
}

/** Executions kept for DescribeExecution; older finished ones are dropped first. */
const MAX_REMEMBERED_EXECUTIONS = 1000;

/**
 * Runs the project's ASL definitions in-process with aws-local-stepfunctions,
 * with Step Functions' execution semantics the project relies on: executions
 * run in the background, a name is unique per machine (the same name and input
 * again is a no-op, other input is ExecutionAlreadyExists), and each Task state
 * calls the handler its Resource ARN names.
 */
export class LocalStepFunctions {
  private readonly machines = new Map<string, { machine: StateMachine; tasks: Map<string, string> }>();
  private readonly executions = new Map<string, ExecutionRecord>();

  constructor(
    machines: readonly LocalMachine[],
    private readonly invoke: TaskInvoker,
    private readonly options: { retryIntervalMs?: number } = {},
  ) {
    for (const { name, definition } of machines) {
      const machine = new StateMachine(definition as unknown as ConstructorParameters<typeof StateMachine>[0]);
      this.machines.set(localStateMachineArn(name), { machine, tasks: taskStates(definition) });
    }
  }

  startExecution(stateMachineArn: string, input: string, name: string): ExecutionRecord {
    const entry = this.machines.get(stateMachineArn);
    if (entry === undefined) throw new StepFunctionsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new StepFunctionsError('InvalidName', `Invalid Name: '${name}'`);
    const machineName = stateMachineArn.split(':').at(-1) ?? 'machine';
    const executionArn = localExecutionArn(machineName, name);
    const existing = this.executions.get(executionArn);
    if (existing !== undefined) {
      if (existing.input === input) return existing;
      throw new StepFunctionsError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }

    const overrides: Record<string, (value: JSONValue) => Promise<JSONValue>> = {};
    const retryIntervalOverrides: Record<string, number> = {};
    for (const [stateName, resource] of entry.tasks) {
      overrides[stateName] = (value) => this.invoke(resource, value);
      if (this.options.retryIntervalMs !== undefined) retryIntervalOverrides[stateName] = this.options.retryIntervalMs;
    }
    const startDate = new Date();
    const run = entry.machine.run(JSON.parse(input) as JSONValue, {
      overrides: { taskResourceLocalHandlers: overrides, retryIntervalOverrides },
      context: {
        Execution: { Id: executionArn, Name: name, Input: JSON.parse(input) as JSONValue, StartTime: startDate.toISOString() },
        StateMachine: { Id: stateMachineArn, Name: machineName },
      } as never,
    });
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      input,
      status: 'RUNNING',
      startDate,
      abort: run.abort,
      done: Promise.resolve(),
    };
    record.done = run.result.then(
      (output) => {
        record.status = 'SUCCEEDED';
        record.output = JSON.stringify(output);
      },
      (error: unknown) => {
        record.status = record.status === 'ABORTED' ? 'ABORTED' : 'FAILED';
        // The interpreter wraps the state's error; report the state's own, as AWS does.
        const cause = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        record.error = cause instanceof Error ? cause.name : 'Error';
        record.cause = cause instanceof Error ? cause.message : String(cause);
      },
    ).finally(() => {
      record.stopDate = new Date();
    });
    this.remember(record);
    return record;
  }

  describeExecution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (record === undefined) throw new StepFunctionsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  listExecutions(stateMachineArn: string): ExecutionRecord[] {
    return [...this.executions.values()].filter((record) => record.stateMachineArn === stateMachineArn);
  }

  /** Resolves once no execution is running, including ones started meanwhile. */
  async settle(): Promise<void> {
    for (;;) {
      const running = [...this.executions.values()].filter((record) => record.status === 'RUNNING');
      if (running.length === 0) return;
      await Promise.all(running.map((record) => record.done));
    }
  }

  /** Aborts every running execution: used on shutdown; their claims lapse as in a crash. */
  async stop(): Promise<void> {
    const running = [...this.executions.values()].filter((record) => record.status === 'RUNNING');
    for (const record of running) {
      record.status = 'ABORTED';
      record.abort();
    }
    await Promise.all(running.map((record) => record.done));
  }

  private remember(record: ExecutionRecord): void {
    this.executions.set(record.executionArn, record);
    if (this.executions.size <= MAX_REMEMBERED_EXECUTIONS) return;
    for (const [arn, old] of this.executions) {
      if (old.status !== 'RUNNING') {
        this.executions.delete(arn);
        if (this.executions.size <= MAX_REMEMBERED_EXECUTIONS) return;
      }
    }
  }
}
