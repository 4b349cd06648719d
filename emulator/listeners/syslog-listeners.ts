import { createSocket, Socket as UdpSocket } from 'node:dgram';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { SyslogStreamDecoder } from '../syslog/tcp-framing';

/** The addresses of one forwarder's listeners. */
export interface SyslogListenerAddresses {
  readonly udp: { readonly host: string; readonly port: number };
  readonly tcp: { readonly host: string; readonly port: number };
}

/** A forwarder's UDP and TCP syslog listeners. */
export interface RunningSyslogListeners extends SyslogListenerAddresses {
  close(): Promise<void>;
}

/** The receiver of messages: one call per datagram or TCP frame. */
export type SyslogMessageHandler = (text: string, senderAddress: string) => void;

/** Largest UDP datagram (and TCP frame) taken whole; longer frames are cut and counted. */
export const MAX_SYSLOG_MESSAGE_BYTES = 64 * 1024;

/** A datagram's text without its trailing line break (senders such as `logger` may add one). */
function datagramText(datagram: Buffer): string {
  let end = datagram.length;
  while (end > 0 && (datagram[end - 1] === 0x0a || datagram[end - 1] === 0x0d || datagram[end - 1] === 0x00)) {
    end--;
  }
  return datagram.toString('utf8', 0, end);
}

/**
 * Starts a forwarder's listeners on `host`: UDP (one message per datagram) and TCP (RFC 6587 octet counting or
 * newline framing, per frame). Port 0 picks a free port; a given port is used for both. A handler that throws, or a
 * client that misbehaves, never stops the listener.
 */
export async function startSyslogListeners(host: string, port: number, onMessage: SyslogMessageHandler,
  onOversizedFrame: () => void, onError: (error: Error) => void): Promise<RunningSyslogListeners> {
  const safely = (text: string, sender: string) => {
    try {
      onMessage(text, sender);
    } catch (error) {
      onError(error as Error);
    }
  };

  const sockets = new Set<Socket>();
  const tcp: Server = createServer((socket) => {
    sockets.add(socket);
    const decoder = new SyslogStreamDecoder({ maxFrameBytes: MAX_SYSLOG_MESSAGE_BYTES });
    let oversized = 0;
    const sender = socket.remoteAddress ?? '127.0.0.1';
    const deliver = (frames: string[]) => {
      frames.forEach((frame) => safely(frame, sender));
      for (; oversized < decoder.oversizedFrames; oversized++) {
        onOversizedFrame();
      }
    };
    socket.on('data', (chunk: Buffer) => deliver(decoder.push(chunk)));
    socket.on('end', () => deliver(decoder.end()));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  const tcpPort = (tcp.address() as AddressInfo).port;

  const bindUdp = (udpPort: number) => new Promise<UdpSocket>((resolve, reject) => {
    const socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 8 * 1024 * 1024 });
    socket.once('error', reject);
    socket.bind(udpPort, host, () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
  let udp: UdpSocket;
  try {
    // Port 0 for TCP picked a free port; UDP tries the same number first.
    udp = await bindUdp(port === 0 ? tcpPort : port);
  } catch (error) {
    if (port !== 0) {
      tcp.close();
      throw error;
    }
    udp = await bindUdp(0);
  }
  udp.on('message', (datagram, remote) => {
    if (datagram.length > MAX_SYSLOG_MESSAGE_BYTES) {
      onOversizedFrame();
    }
    safely(datagramText(datagram.length > MAX_SYSLOG_MESSAGE_BYTES ? datagram.subarray(0, MAX_SYSLOG_MESSAGE_BYTES) : datagram), remote.address);
  });
  udp.on('error', onError);
  const udpPort = udp.address().port;

  return {
    udp: { host, port: udpPort },
    tcp: { host, port: tcpPort },
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      await Promise.all([
        new Promise<void>((resolve) => tcp.close(() => resolve())),
        new Promise<void>((resolve) => udp.close(() => resolve())),
      ]);
    },
  };
}
