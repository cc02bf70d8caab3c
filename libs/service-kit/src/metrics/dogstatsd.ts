// A minimal DogStatsD client: the Datadog Agent's own intake (UDP 8125), so the agent sidecar of
// each task receives the same series `/metrics` shows, with no other package (see
// docs/decisions/0005-metrics.md). Lines are `name:value|type|@rate|#tag:value,…`; they are
// buffered and sent in datagrams of at most `datagramBytesMax` bytes every `flushIntervalMs` (or
// when the buffer is full). UDP is fire and forget: a missing agent loses metrics, never a request.
import { createSocket, type Socket } from 'node:dgram';

/** Below the 1,500-byte Ethernet MTU minus IP and UDP headers (Datadog's own recommendation). */
export const datagramBytesMax = 1_432;
export const flushIntervalMs = 1_000;

export type DogStatsdType = 'c' | 'g' | 'd';

export interface DogStatsdAddress {
  readonly host: string;
  readonly port: number;
}

export interface DogStatsd {
  /** Queues one sample; `rate` below 1 tells the agent the value stands for 1/rate samples. */
  send(name: string, value: number, type: DogStatsdType, tags: readonly string[], rate?: number): void;
  flush(): void;
  close(): Promise<void>;
}

/** A tag value as Datadog keeps it: no commas, pipes or line breaks (they end the tag or the line). */
export function tagValue(value: string | number): string {
  return String(value).replace(/[,|\n#]/g, '_');
}

export function createDogStatsd(address: DogStatsdAddress, constantTags: readonly string[]): DogStatsd {
  const socket: Socket = createSocket(address.host.includes(':') ? 'udp6' : 'udp4');
  // An unreachable agent answers ICMP errors; they must not become an uncaught 'error' event.
  socket.on('error', () => undefined);
  socket.unref();
  let lines: string[] = [];
  let bytes = 0;
  const flush = () => {
    if (lines.length === 0) return;
    const datagram = Buffer.from(lines.join('\n'));
    lines = [];
    bytes = 0;
    socket.send(datagram, address.port, address.host, () => undefined);
  };
  const timer = setInterval(flush, flushIntervalMs);
  timer.unref();
  return {
    send(name, value, type, tags, rate = 1) {
      const allTags = [...constantTags, ...tags];
      const line = `${name}:${value}|${type}${rate < 1 ? `|@${rate}` : ''}${allTags.length > 0 ? `|#${allTags.join(',')}` : ''}`;
      if (bytes + line.length + 1 > datagramBytesMax) flush();
      lines.push(line);
      bytes += line.length + 1;
    },
    flush,
    async close() {
      clearInterval(timer);
      flush();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
