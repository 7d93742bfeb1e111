import { Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

const bodies = new Map<number, { status: string; data: string }>();

/**
 * Benchmark baseline B0 (`npm run bench`): the cheapest Nest endpoint, returning a fixed JSON body of
 * the requested size. Registered only when the bench starts the app with BENCH=on; never in production.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchController {
  @Post('b0/:bytes')
  @HttpCode(200)
  b0(@Param('bytes', ParseIntPipe) bytes: number): { status: string; data: string } {
    let body = bodies.get(bytes);
    if (!body) {
      // {"status":"success","data":"…"} is 31 bytes plus the padding.
      body = { status: 'success', data: 'x'.repeat(Math.max(0, Math.min(bytes, 5_000_000) - 31)) };
      bodies.set(bytes, body);
    }
    return body;
  }
}
