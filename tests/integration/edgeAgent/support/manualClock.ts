import type { Clock } from '../../../../core/ports/clock';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
