import path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../../../functions/catalog';

export interface AppFunctionProps {
  readonly spec: FunctionSpec;
  /** Repository root: `spec.entry`, package-lock.json and tsconfig are found from it. */
  readonly repoRoot: string;
  readonly environment: Record<string, string>;
  /** Application log level for Lambda's JSON log filter; the handler's LOG_LEVEL matches it. */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * One catalogue entry as a Lambda function with the house defaults: Node 22 on
 * arm64, bundled locally by esbuild into one ESM file (never Docker), JSON logs
 * into a log group with retention, X-Ray tracing, and its own role that starts
 * with nothing but its log group, so the catalogue's `needs` are all it gets.
 */
export class AppFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { spec, repoRoot } = props;
    const logLevel = props.logLevel ?? 'info';

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy lets the
    // function write to every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `VTrack ${spec.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, spec.entry),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: spec.architecture === 'x86_64' ? lambda.Architecture.X86_64 : lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? 512,
      // API Gateway gives up after 30 s, Cognito after 5 s: a function must finish before its caller does.
      timeout: Duration.seconds(spec.timeoutSeconds ?? defaultTimeoutSeconds[spec.kind]),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: toApplicationLogLevel(logLevel),
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      // Secrets are read at cold start through the AWS Parameters and Secrets extension, not put in the environment.
      ...(readsSecrets(spec) ? { paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, { cacheSize: 10 }) } : {}),
      // Stack traces point at the TypeScript source through the bundled source maps.
      environment: { LOG_LEVEL: logLevel, NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        // Bundled CommonJS dependencies call require(); ESM has none, so make one.
        banner: "import { createRequire as vtrackCreateRequire } from 'node:module'; const require = vtrackCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The SDK is bundled at the version in package-lock.json so AWS runs the
        // very client code the local stack and the tests run.
        externalModules: [],
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) => [
            ...(spec.workers ?? []).map((worker) => bundleWorkerCommand(inputDir, outputDir, worker)),
            ...(spec.binaries ?? []).map((binary) => copyBinaryCommand(inputDir, outputDir, binary)),
          ],
        },
      },
    });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions; Lambda adds them for active tracing.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Pinned to nodejs22.x on purpose: the handlers, the local stack and CI are tested on it; moving to a newer runtime is a deliberate upgrade, not an automatic one.',
    });
  }
}

/**
 * The shell command that bundles a worker script, dependencies included, into
 * `<outputDir>/<its file name>`: the function finds it beside index.mjs.
 */
function bundleWorkerCommand(inputDir: string, outputDir: string, worker: string): string {
  const args = [
    path.join(inputDir, worker),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--target=node22',
    '--minify',
    `--outfile=${path.join(outputDir, path.basename(worker))}`,
  ];
  return ['npx', '--no-install', 'esbuild', ...args].map(shellQuote).join(' ');
}

/** Copies an executable beside the bundle, keeping its mode (the asset zip keeps it executable). */
function copyBinaryCommand(inputDir: string, outputDir: string, binary: string): string {
  return ['cp', '-p', path.join(inputDir, binary), path.join(outputDir, path.basename(binary))].map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * Functions that read a Secrets Manager secret at run time get the Secrets
 * extension: every HTTP function (the origin-verify value CloudFront sends),
 * and those needing page tokens or Google's client secret.
 */
export function readsSecrets(spec: FunctionSpec): boolean {
  return spec.kind === 'http' || spec.needs.includes('page-tokens') || spec.needs.includes('google');
}

const defaultTimeoutSeconds: Readonly<Record<FunctionSpec['kind'], number>> = { http: 29, task: 60, 'cognito-trigger': 5 };

function toApplicationLogLevel(level: NonNullable<AppFunctionProps['logLevel']>): lambda.ApplicationLogLevel {
  const levels = {
    debug: lambda.ApplicationLogLevel.DEBUG,
    info: lambda.ApplicationLogLevel.INFO,
    warn: lambda.ApplicationLogLevel.WARN,
    error: lambda.ApplicationLogLevel.ERROR,
  } as const;
  return levels[level];
}
