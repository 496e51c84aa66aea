/**
 * A stand-in server started for local mode or a test: where to reach it and how
 * to shut it down. stop() resolves only once the port is closed and every handle
 * (child process, database files) is released, so a test runner can exit.
 */
export interface RunningService {
  /** Base URL on the loopback interface, e.g. `http://127.0.0.1:4568`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}
