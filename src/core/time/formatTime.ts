// One way to write a moment for a person, everywhere (CLI, and the VS Code layer as it adopts it): ISO-like UTC with
// its zone named, "2026-12-05 23:46 UTC", and, where a person decides by it (a conflict, a history entry, when a
// snapshot is due), the same moment in the machine's zone as well, "2026-12-05 23:46 UTC (2026-12-06 00:46 local,
// UTC+01:00)". Without a zone a reader cannot tell whether "11:46 PM" was before or after their own change.
// vscode-free, no Node built-ins.

export interface TimeFormatOptions {
  /** Add the local time and its offset from UTC (for moments a person decides by). */
  local?: boolean;
  /** Seconds as well (logs, machine-adjacent text); minutes otherwise. */
  seconds?: boolean;
  /**
   * The local zone's offset from UTC in minutes east (UTC+01:00 → 60) at that moment; default the machine's. Tests
   * pass it so they hold in any zone.
   */
  offsetMinutes?: (d: Date) => number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parts(d: Date, seconds: boolean): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${date} ${time}`;
}

/** "+01:00", "-05:00", "+10:30". */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/**
 * "2026-12-05 23:46 UTC"; with `local`, "2026-12-05 23:46 UTC (2026-12-06 00:46 local, UTC+01:00)" (only the UTC part
 * when the local zone is UTC). An unreadable time is returned as given, quoted, rather than "Invalid Date".
 */
export function formatTime(t: string | number | Date, opts: TimeFormatOptions = {}): string {
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return JSON.stringify(String(t));
  const seconds = opts.seconds ?? false;
  const utc = `${parts(d, seconds)} UTC`;
  if (!opts.local) return utc;
  const offset = opts.offsetMinutes ? opts.offsetMinutes(d) : -d.getTimezoneOffset();
  if (offset === 0) return utc;
  const shifted = new Date(d.getTime() + offset * 60_000);
  return `${utc} (${parts(shifted, seconds)} local, UTC${offsetText(offset)})`;
}

/**
 * `offsetMinutes` for a named time zone ("Europe/Berlin"): its offset from UTC at each moment, summer time included
 * (the wall clock there read back as if it were UTC, minus the moment). An unknown name falls back to the machine's
 * zone rather than failing a tooltip.
 */
export function zoneOffset(timeZone: string): (d: Date) => number {
  return (d) => {
    try {
      const wall = Date.parse(`${d.toLocaleString('en-US', { timeZone, hourCycle: 'h23' })} UTC`);
      return Math.round((wall - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
    } catch {
      return -d.getTimezoneOffset();
    }
  };
}
