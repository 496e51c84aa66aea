import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../http/listenOnLoopback';
import type { RunningService } from '../runningService';
import { StepFunctionsError, type ExecutionRecord, type LocalStepFunctions } from './localStepFunctions';

const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Serves the Step Functions API (AWS JSON 1.0 protocol: POST /, X-Amz-Target
 * `AWSStepFunctions.<Operation>`) for the operations the project calls, so
 * handlers start executions through the real @aws-sdk/client-sfn in local mode.
 */
export async function startStepFunctionsEndpoint(runner: LocalStepFunctions, port = 0): Promise<RunningService> {
  const server = createServer((request, response) => {
    handle(runner, request, response).catch((error: unknown) => {
      send(response, 500, { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) });
    });
  });
  return listenOnLoopback(server, port);
}

async function handle(runner: LocalStepFunctions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const target = String(request.headers['x-amz-target'] ?? '');
  const body = await readJson(request);
  const operation = target.replace(/^AWSStepFunctions\./, '');
  try {
    switch (operation) {
      case 'StartExecution': {
        const record = runner.startExecution(String(body['stateMachineArn']), String(body['input'] ?? '{}'), String(body['name']));
        send(response, 200, { executionArn: record.executionArn, startDate: record.startDate.getTime() / 1000 });
        return;
      }
      case 'DescribeExecution':
        send(response, 200, describe(runner.describeExecution(String(body['executionArn']))));
        return;
      case 'ListExecutions':
        send(response, 200, { executions: runner.listExecutions(String(body['stateMachineArn'])).map(describe) });
        return;
      default:
        send(response, 400, { __type: 'UnknownOperationException', message: `operation ${operation} is not served locally` });
    }
  } catch (error) {
    if (error instanceof StepFunctionsError) {
      send(response, 400, { __type: error.name, message: error.message });
      return;
    }
    throw error;
  }
}

function describe(record: ExecutionRecord): Record<string, unknown> {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: record.startDate.getTime() / 1000,
    ...(record.stopDate ? { stopDate: record.stopDate.getTime() / 1000 } : {}),
    input: record.input,
    ...(record.output === undefined ? {} : { output: record.output }),
    ...(record.error === undefined ? {} : { error: record.error, cause: record.cause }),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}
