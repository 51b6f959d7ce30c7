import type {
  WebClientMessage,
  WebServerMessage,
} from '../../../electron/common/contract/web-protocol.js';

/** Just enough of a browser WebSocket; the test plays the server. */
export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  readonly sent: WebClientMessage[] = [];
  closed = false;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as WebClientMessage);
  }
  close() {
    this.closed = true;
  }

  open() {
    this.onopen?.();
  }
  reply(message: WebServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.onclose?.();
  }
}
