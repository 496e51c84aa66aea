import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseStartArgs, StartArgsError } from '../../../../infra/local/cli/parseStartArgs';

const root = path.resolve('/repo');

describe('npm start arguments', () => {
  it('defaults to the well-known port and .vtrack/ in the repository', () => {
    expect(parseStartArgs([], root, {})).toEqual({ port: DEFAULT_PORT, dataDir: path.join(root, '.vtrack'), help: false });
  });

  it('takes --port and --data-dir in both spellings', () => {
    expect(parseStartArgs(['--port', '9000', '--data-dir=/srv/vt'], root, {})).toMatchObject({ port: 9000, dataDir: path.resolve('/srv/vt') });
    expect(parseStartArgs(['--port=0'], root, {}).port).toBe(0);
  });

  it('takes defaults from VTRACK_PORT and VTRACK_DATA_DIR, flags winning', () => {
    expect(parseStartArgs([], root, { VTRACK_PORT: '7000', VTRACK_DATA_DIR: '/d' })).toMatchObject({ port: 7000, dataDir: '/d' });
    expect(parseStartArgs(['--port', '7001'], root, { VTRACK_PORT: '7000' }).port).toBe(7001);
  });

  it.each([
    [['--port', 'eighty'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--port'], /--port needs a value/],
    [['--data-dir'], /--data-dir needs a value/],
    [['--verbose'], /unknown option --verbose/],
  ])('refuses %j with a message naming the option', (argv, message) => {
    expect(() => parseStartArgs(argv, root, {})).toThrow(StartArgsError);
    expect(() => parseStartArgs(argv, root, {})).toThrow(message);
  });

  it('names VTRACK_PORT when the variable is bad', () => {
    expect(() => parseStartArgs([], root, { VTRACK_PORT: 'x' })).toThrow(/VTRACK_PORT/);
  });
});
