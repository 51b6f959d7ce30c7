import { createSocket } from 'node:dgram';

/** How the stub answers one name: these IPv4 addresses, after a delay, or an error code. */
export interface StubAnswer {
  addresses?: string[];
  delayMs?: number;
  /** 3 is NXDOMAIN, 2 SERVFAIL. */
  rcode?: number;
}

export interface DnsStub {
  /** `127.0.0.1:port`, as a check's resolver. */
  address: string;
  /** The names asked for, as sent (a trailing dot is not on the wire). */
  queries: string[];
  stop(): Promise<void>;
}

/**
 * A name server on a loopback UDP port that answers A queries from a table; any other name is
 * NXDOMAIN. Enough DNS to test a check: one question, answers pointing back at it.
 */
export async function startDnsStub(table: Record<string, StubAnswer>): Promise<DnsStub> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (query, peer) => {
    const { name, end } = readName(query, 12);
    queries.push(name);
    const answer = table[name.toLowerCase()] ?? { rcode: 3 };
    const reply = buildReply(query.subarray(0, end + 4), answer);
    setTimeout(() => socket.send(reply, peer.port, peer.address), answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function readName(message: Buffer, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let at = offset;
  while (message[at]! > 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += length + 1;
  }
  return { name: labels.join('.'), end: at + 1 };
}

/** The header and question echoed back, then one A record per address. */
function buildReply(headerAndQuestion: Buffer, answer: StubAnswer): Buffer {
  const addresses = answer.rcode ? [] : (answer.addresses ?? []);
  const header = Buffer.from(headerAndQuestion);
  header.writeUInt16BE(0x8180 | (answer.rcode ?? 0), 2);
  header.writeUInt16BE(addresses.length, 6);
  header.writeUInt32BE(0, 8);
  const records = addresses.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(1, 2); // A
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => record.writeUInt8(Number(octet), 12 + i));
    return record;
  });
  return Buffer.concat([header, ...records]);
}
