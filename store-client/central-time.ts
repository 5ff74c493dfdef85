// Central's time as this till measures it, from the HTTP `Date` header of one of central's
// responses (RFC 9110 §6.6.1: the origin's clock when it made the response, to the second).
// Central's clock is the one its rules judge stamps by (central/rules/date-rules.ts), so it is
// the reference: the till's HLC ticks on it and rebases to it (hlc.ts), its business days follow
// it, and the status bar and status report say when the device clock is off by more than
// `settings:pos.maxClockSkewMin`. Pure, but for the one object that keeps the latest estimate.
// Not persisted: a device clock changed while the till was closed would make a stored offset
// wrong, so until central answers again the device clock is all there is.

export interface TimeSample {
  /** Device time the request was sent, ms. */
  sentMs: number;
  /** Device time the response arrived, ms. */
  receivedMs: number;
  /** The response's `Date` header. */
  date: string | null;
}

/** Samples whose round trip took longer than this say too little about when central answered. */
export const MAX_SAMPLE_RTT_MS = 10_000;

/**
 * Central's clock minus the device's, ms, or undefined when the sample says nothing. The header
 * is truncated to the second, so the middle of that second is assumed, and the response is
 * assumed made half-way through the round trip: the estimate is good to ± (500 + rtt/2) ms.
 */
export function offsetFromSample(sample: TimeSample): number | undefined {
  const dateMs = sample.date === null ? NaN : Date.parse(sample.date);
  const rtt = sample.receivedMs - sample.sentMs;
  if (Number.isNaN(dateMs) || rtt < 0 || rtt > MAX_SAMPLE_RTT_MS) return undefined;
  return Math.round(dateMs + 500 - (sample.sentMs + sample.receivedMs) / 2);
}

/** Whether a device clock `offsetMs` away from central's is off by more than the allowed skew. */
export function clockSkewed(offsetMs: number | undefined, maxSkewMin: number): boolean {
  return offsetMs !== undefined && Math.abs(offsetMs) > maxSkewMin * 60_000;
}

export class CentralTime {
  private offset: number | undefined;

  constructor(private readonly deviceNow: () => number = Date.now) {}

  /** Central's clock minus the device's, ms, as last measured; undefined before a measurement. */
  get offsetMs(): number | undefined {
    return this.offset;
  }

  /** Takes a measurement; returns whether it was usable. */
  record(sample: TimeSample): boolean {
    const offset = offsetFromSample(sample);
    if (offset === undefined) return false;
    this.offset = offset;
    return true;
  }

  /** Central's time now, as estimated; undefined before a measurement. */
  reference(): number | undefined {
    return this.offset === undefined ? undefined : this.deviceNow() + this.offset;
  }

  /** Central's time when known, else the device's: the corrected clock. */
  now(): number {
    return this.reference() ?? this.deviceNow();
  }
}
