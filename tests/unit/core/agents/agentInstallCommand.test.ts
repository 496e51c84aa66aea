import { describe, expect, it } from 'vitest';
import { agentInstallCommand } from '../../../../core/agents/agentInstallCommand';

describe('agentInstallCommand', () => {
  it('downloads the release and its checksum from the site, checks, unpacks and installs with the code', () => {
    expect(agentInstallCommand({ siteUrl: 'https://vtrack.example.com/', code: 'ABCDE23456', version: '1.2.3' })).toBe(
      'cd "$(mktemp -d)" && wget -q https://vtrack.example.com/downloads/vtrack-agent-1.2.3.tar.gz https://vtrack.example.com/downloads/vtrack-agent-1.2.3.tar.gz.sha256' +
        ' && sha256sum -c vtrack-agent-1.2.3.tar.gz.sha256 && tar -xzf vtrack-agent-1.2.3.tar.gz && sudo bash vtrack-agent-1.2.3/install.sh --api https://vtrack.example.com --code ABCDE23456',
    );
  });

  it('quotes a site address the shell would otherwise read differently', () => {
    const command = agentInstallCommand({ siteUrl: "https://kho.example/a b'c", code: 'ABCDE23456', version: '1.2.3' });
    expect(command).toContain(`--api 'https://kho.example/a b'\\''c'`);
    expect(command).toContain(`wget -q 'https://kho.example/a b'\\''c/downloads/vtrack-agent-1.2.3.tar.gz'`);
  });
});
