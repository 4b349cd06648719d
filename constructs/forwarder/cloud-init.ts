import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';

/** TLS settings of the forwarder's syslog listener. */
export interface ForwarderTlsOptions {
  /** @default 6514 */
  readonly port?: number;
  /** @default '/etc/rsyslog.d/tls/ca.pem' */
  readonly caFile?: string;
  /** @default '/etc/rsyslog.d/tls/cert.pem' */
  readonly certificateFile?: string;
  /** @default '/etc/rsyslog.d/tls/key.pem' */
  readonly keyFile?: string;
}

/** What the forwarder's rsyslog configuration depends on. */
export interface ForwarderRsyslogOptions {
  readonly forwarderName: string;
  /** UDP and TCP port of the syslog listener. */
  readonly syslogPort: number;
  /** @default - no TLS listener */
  readonly tls?: ForwarderTlsOptions;
  /** Events per second each instance is planned for; sets the queue sizes. */
  readonly eventsPerSecondPerInstance: number;
}

/** One file the cloud-init writes. */
export interface RsyslogFile {
  readonly path: string;
  readonly content: string;
}

const handlebars = Handlebars.create();
handlebars.registerHelper('indent', (text: string, spaces: number) =>
  text.split('\n').map((line) => (line === '' ? '' : `${' '.repeat(spaces)}${line}`)).join('\n').replace(/\n+$/, ''));

const templates = new Map<string, HandlebarsTemplateDelegate>();

/** A template of `templates/`, compiled once; templates are copied next to the compiled code by the build. */
function template(name: string): HandlebarsTemplateDelegate {
  let compiled = templates.get(name);
  if (compiled === undefined) {
    compiled = handlebars.compile(readFileSync(path.join(__dirname, 'templates', name), 'utf8'), { strict: true, noEscape: true });
    templates.set(name, compiled);
  }
  return compiled;
}

/** The TLS settings with their defaults. */
function tlsWithDefaults(tls: ForwarderTlsOptions | undefined): Required<ForwarderTlsOptions> | undefined {
  return tls === undefined ? undefined : {
    port: tls.port ?? 6514,
    caFile: tls.caFile ?? '/etc/rsyslog.d/tls/ca.pem',
    certificateFile: tls.certificateFile ?? '/etc/rsyslog.d/tls/cert.pem',
    keyFile: tls.keyFile ?? '/etc/rsyslog.d/tls/key.pem',
  };
}

/**
 * The rsyslog files of a forwarder: the listeners with burst-sized queues (`00-`), and the rule that keeps remote
 * events out of local log files once the agent's own forwarding action (`10-`) has taken them (`20-`).
 * The main queue holds 30 seconds of the planned rate (at least 100,000 messages).
 */
export function renderRsyslogFiles(options: ForwarderRsyslogOptions): RsyslogFile[] {
  const mainQueueSize = Math.max(100_000, options.eventsPerSecondPerInstance * 30);
  return [
    {
      path: '/etc/rsyslog.d/00-sentinel-forwarder-inputs.conf',
      content: template('inputs.conf.hbs')({
        syslogPort: options.syslogPort,
        tls: tlsWithDefaults(options.tls),
        mainQueueSize,
        mainQueueHighWatermark: Math.floor(mainQueueSize * 0.8),
        mainQueueLowWatermark: Math.floor(mainQueueSize * 0.2),
        mainQueueWorkerThreads: 4,
        udpThreads: 2,
      }),
    },
    { path: '/etc/rsyslog.d/20-sentinel-forwarder-remote-events.conf', content: template('remote-events.conf.hbs')({}) },
  ];
}

/** The cloud-init user data (`#cloud-config`) that configures a forwarder's rsyslog. */
export function renderCloudInit(options: ForwarderRsyslogOptions): string {
  const tls = tlsWithDefaults(options.tls);
  const ports = [`${options.syslogPort}/udp`, `${options.syslogPort}/tcp`, ...(tls === undefined ? [] : [`${tls.port}/tcp`])];
  const customPorts = [
    ...(options.syslogPort === 514 ? [] : [{ protocol: 'udp', port: options.syslogPort }, { protocol: 'tcp', port: options.syslogPort }]),
    ...(tls === undefined || tls.port === 6514 ? [] : [{ protocol: 'tcp', port: tls.port }]),
  ];
  return template('cloud-init.yaml.hbs')({
    forwarderName: options.forwarderName,
    syslogPort: options.syslogPort,
    tls,
    ports,
    customPorts: customPorts.length === 0 ? undefined : customPorts,
    rsyslogFiles: renderRsyslogFiles(options),
  });
}
