import type { drive_v3 } from 'googleapis';
import { afterEach, beforeEach } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../../../fakes/drive';
import { driveClientFor } from './driveClientFor';

/**
 * A fresh Drive fake and a googleapis client for it around every test of the
 * calling describe block; `use` receives them before each test.
 */
export function useFakeDrive(use: (fake: FakeGoogle, drive: drive_v3.Drive) => void): void {
  let fake: FakeGoogle | undefined;
  beforeEach(async () => {
    fake = await startFakeGoogle();
    use(fake, driveClientFor(fake).drive);
  });
  afterEach(async () => {
    await fake?.stop();
  });
}
