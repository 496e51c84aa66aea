import { afterAll, beforeAll } from 'vitest';

/**
 * What one implementation hands a contract suite: `make` gives a fresh, empty
 * instance for each test; `close` stops what the factory started (a stand-in,
 * a fake server) once the suite is done.
 */
export interface ContractSubject<T> {
  readonly make: () => Promise<T>;
  readonly close?: () => Promise<void>;
}

/** Started once per suite (beforeAll), so a stand-in is shared by the suite's tests. */
export type ContractFactory<T> = () => Promise<ContractSubject<T>>;

/** Starts the factory around the calling describe block; the returned function gives a fresh instance. */
export function useContractSubject<T>(factory: ContractFactory<T>): () => Promise<T> {
  let subject: ContractSubject<T> | undefined;
  beforeAll(async () => {
    subject = await factory();
  });
  afterAll(async () => {
    await subject?.close?.();
  });
  return () => {
    if (subject === undefined) throw new Error('the contract subject is not started yet');
    return subject.make();
  };
}
