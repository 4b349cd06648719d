/**
 * The load generator of the network benchmark, run as its own process so that it does not share the receiver's
 * event loop: sends CEF lines at a fixed rate over UDP or TCP (octet counting) to 127.0.0.1 for a fixed time.
 * `node send-syslog.js <udp|tcp> <port> <eventsPerSecond> <seconds>`; prints `{"sent": N}` when done.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

const [protocol, portText, rateText, secondsText] = process.argv.slice(2);
const port = Number(portText);
const eventsPerSecond = Number(rateText);
const seconds = Number(secondsText);
if ((protocol !== 'udp' && protocol !== 'tcp') || !(port > 0) || !(eventsPerSecond > 0) || !(seconds > 0) || seconds > 600) {
  console.error('usage: send-syslog.js <udp|tcp> <port> <eventsPerSecond> <seconds (at most 600)>');
  process.exit(2);
}

/** A ~400-byte CEF line at local4.warning carrying its sequence number. */
function line(sequence: number): string {
  return `<164>Nov 25 10:00:00 bench-sender CEF:0|Contoso|Firewall|2.1|100|Blocked connection|7|src=10.1.${sequence % 250}.7 `
    + `dst=192.168.${sequence % 100}.9 spt=${1024 + (sequence % 60000)} dpt=443 proto=TCP act=blocked suser=CONTOSO\\\\bench `
    + `cs1Label=Policy cs1=Default deny outbound cs2Label=Sequence cs2=${sequence} msg=Connection blocked by policy rule ${sequence % 97} `
    + `deviceExternalId=FW1 cn1Label=Risk cn1=${sequence % 100} requestClientApplication=curl/8.5 padding=${'x'.repeat(40)}`;
}

async function main(): Promise<void> {
  const total = eventsPerSecond * seconds;
  const started = process.hrtime.bigint();
  const elapsedSeconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  let sent = 0;
  if (protocol === 'udp') {
    const socket = createSocket('udp4');
    while (sent < total) {
      const due = Math.min(total, Math.floor(elapsedSeconds() * eventsPerSecond));
      while (sent < due) {
        socket.send(line(sent), port, '127.0.0.1');
        sent++;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.close();
  } else {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    while (sent < total) {
      const due = Math.min(total, Math.floor(elapsedSeconds() * eventsPerSecond));
      const frames: string[] = [];
      while (sent < due) {
        const text = line(sent);
        frames.push(`${Buffer.byteLength(text)} ${text}`);
        sent++;
      }
      if (frames.length > 0 && !socket.write(frames.join(''))) {
        await new Promise((resolve) => socket.once('drain', resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await new Promise<void>((resolve) => socket.end(resolve));
  }
  process.stdout.write(`${JSON.stringify({ sent, seconds: elapsedSeconds() })}\n`);
}

void main();
