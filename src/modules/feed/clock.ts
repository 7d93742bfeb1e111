import { Injectable } from '@nestjs/common';

/** The current time, as one injectable so tests can move it (archiving works in days). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
