/**
 * The responder's hand on dunst: its own control interface (what `dunstctl` calls), over a
 * session-bus connection of its own, so a scenario can watch and click without starting a
 * process.
 */
import type { EventEmitter } from 'node:events';
import { Message, sessionBus, Variant, type MessageBus } from '@jellybrick/dbus-next';

const destination = 'org.freedesktop.Notifications';
const path = '/org/freedesktop/Notifications';
const control = 'org.dunstproject.cmd0';

export class DunstControl {
  private constructor(private readonly bus: MessageBus) {}

  static async connect(): Promise<DunstControl> {
    const bus = sessionBus({ busAddress: process.env.DBUS_SESSION_BUS_ADDRESS });
    await new Promise<void>((resolve, reject) => {
      bus.once('connect', resolve);
      (bus as EventEmitter).once('error', reject);
    });
    return new DunstControl(bus);
  }

  /** Notifications dunst holds open: on screen, and waiting for room on it. */
  async live(): Promise<number> {
    return (await this.count('displayed')) + (await this.count('waiting'));
  }

  async count(which: 'displayed' | 'waiting' | 'history'): Promise<number> {
    const [value] = await this.call('org.freedesktop.DBus.Properties', 'Get', 'ss', [
      control,
      `${which}Length`,
    ]);
    if (!(value instanceof Variant) || typeof value.value !== 'number') {
      throw new Error(`dunst's ${which}Length is not a number`);
    }
    return value.value;
  }

  /** A click on the body of the notification shown first (dunstctl action 0). */
  async clickFirst(): Promise<void> {
    await this.call(control, 'NotificationAction', 'u', [0]);
  }

  /** Opens the context menu, whose dmenu (dunst-session.ts) chooses "Acknowledge". */
  async contextMenu(): Promise<void> {
    await this.call(control, 'ContextMenuCall');
  }

  /** What dunst keeps of the notifications it closed: what it got, and what it rendered. */
  async history(): Promise<{ id: number; summary: string; body: string; message: string }[]> {
    const [entries] = await this.call(control, 'NotificationListHistory');
    if (!Array.isArray(entries)) throw new Error("dunst's history is not a list");
    const text = (entry: Record<string, Variant>, key: string) => String(entry[key]?.value);
    return (entries as Record<string, Variant>[]).map((entry) => ({
      id: Number(entry.id?.value),
      summary: text(entry, 'summary'),
      body: text(entry, 'body'),
      message: text(entry, 'message'),
    }));
  }

  disconnect(): void {
    this.bus.disconnect();
  }

  private async call(iface: string, member: string, signature = '', body: unknown[] = []) {
    const reply = await this.bus.call(
      new Message({ destination, path, interface: iface, member, signature, body }),
    );
    return reply?.body ?? [];
  }
}
