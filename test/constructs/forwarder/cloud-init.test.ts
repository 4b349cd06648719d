import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { ForwarderRsyslogOptions, renderCloudInit, renderRsyslogFiles } from '../../../constructs/forwarder/cloud-init';

const AMA_FORWARDING = path.join(__dirname, '..', '..', 'fixtures', 'rsyslog', '10-azuremonitoragent-omfwd.conf');

/**
 * Lays the rendered files out as on a forwarder, beside the agent's own forwarding file, under a main configuration
 * that includes them in the order /etc/rsyslog.d/*.conf is read, and runs `rsyslogd -N1` on it.
 */
function validateWithRsyslog(options: ForwarderRsyslogOptions, corrupt?: (content: string) => string) {
  const directory = mkdtempSync(path.join(tmpdir(), 'rsyslog-'));
  try {
    const tls = options.tls === undefined ? undefined : {
      ...options.tls,
      caFile: path.join(directory, 'ca.pem'), certificateFile: path.join(directory, 'cert.pem'), keyFile: path.join(directory, 'key.pem'),
    };
    if (tls !== undefined) {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', tls.keyFile, '-out', tls.certificateFile,
        '-days', '1', '-subj', '/CN=forwarder'], { stdio: 'ignore' });
      execFileSync('cp', [tls.certificateFile, tls.caFile]);
    }
    const files = renderRsyslogFiles({ ...options, tls });
    const included = files.map((file) => {
      const local = path.join(directory, path.basename(file.path));
      writeFileSync(local, corrupt === undefined ? file.content : corrupt(file.content));
      return local;
    });
    included.splice(1, 0, AMA_FORWARDING);
    const main = path.join(directory, 'rsyslog.conf');
    writeFileSync(main, [
      `global(workDirectory="${directory}")`,
      ...included.map((file) => `include(file="${file}")`),
      // The distribution's own rules, after /etc/rsyslog.d: local files.
      `*.* action(type="omfile" file="${path.join(directory, 'messages')}")`,
    ].join('\n'));
    return spawnSync('rsyslogd', ['-N1', '-f', main], { encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('the forwarder\'s rsyslog configuration', () => {
  test('passes rsyslogd -N1 beside the agent\'s forwarding action', () => {
    const result = validateWithRsyslog({ forwarderName: 'fwd', syslogPort: 514, eventsPerSecondPerInstance: 12_000 });
    expect(result.stderr).toContain('End of config validation run');
    expect(result.status).toBe(0);
  });

  test('passes rsyslogd -N1 with a TLS listener on a custom port', () => {
    const result = validateWithRsyslog({ forwarderName: 'fwd', syslogPort: 1514, tls: { port: 16514 }, eventsPerSecondPerInstance: 2_000 });
    expect(result.stderr).toContain('End of config validation run');
    expect(result.status).toBe(0);
  });

  test('a broken file fails rsyslogd -N1, so the check is real', () => {
    const result = validateWithRsyslog({ forwarderName: 'fwd', syslogPort: 514, eventsPerSecondPerInstance: 1_000 },
      (content) => content.replace('queue.dequeueBatchSize="2048"', 'queue.dequeueBatchSize="2048" queue.typo="1"'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('queue.typo');
  });

  test('sizes the main queue for 30 seconds of the planned rate, at least 100,000 messages', () => {
    const [inputs] = renderRsyslogFiles({ forwarderName: 'fwd', syslogPort: 514, eventsPerSecondPerInstance: 12_000 });
    expect(inputs.content).toContain('queue.size="360000"');
    const [small] = renderRsyslogFiles({ forwarderName: 'fwd', syslogPort: 514, eventsPerSecondPerInstance: 500 });
    expect(small.content).toContain('queue.size="100000"');
  });
});

describe('the cloud-init', () => {
  test('is cloud-config YAML that writes the rendered files and opens the ports', () => {
    const options = { forwarderName: 'fwd', syslogPort: 1514, tls: {}, eventsPerSecondPerInstance: 5_000 };
    const text = renderCloudInit(options);
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    const document = parse(text) as { packages: string[]; write_files: Array<{ path: string; content: string }>; runcmd: string[][] };
    expect(document.packages).toEqual(['rsyslog', 'rsyslog-gnutls']);
    expect(document.write_files.map((file) => ({ path: file.path, content: file.content.trimEnd() })))
      .toEqual(renderRsyslogFiles(options).map((file) => ({ path: file.path, content: file.content.trimEnd() })));
    expect(document.runcmd[0][2]).toContain('firewall-cmd --permanent --add-port=1514/udp && firewall-cmd --permanent --add-port=1514/tcp '
      + '&& firewall-cmd --permanent --add-port=6514/tcp');
    expect(document.runcmd[1][2]).toContain('semanage port -a -t syslogd_port_t -p udp 1514');
    expect(document.runcmd.slice(-1)).toEqual([['systemctl', 'restart', 'rsyslog']]);
  });
});
