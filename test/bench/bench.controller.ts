import { Controller, DynamicModule, HttpCode, Module, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

interface B0Body {
  status: string;
  data: string;
}

/**
 * Benchmark baseline B0: the cheapest Nest endpoint, returning a fixed JSON body of the requested
 * size. Only the bench app has it (see BenchModule).
 */
@ApiExcludeController()
@Controller('bench')
export class BenchController {
  // One size at a time is asked for (a comparison runs B0 at its scenario's size), so only the last
  // body is kept: building it per request would measure string building, not Nest.
  private last?: { bytes: number; body: B0Body };

  @Post('b0/:bytes')
  @HttpCode(200)
  b0(@Param('bytes', ParseIntPipe) bytes: number): B0Body {
    if (this.last?.bytes !== bytes) {
      // {"status":"success","data":"…"} is 31 bytes plus the padding.
      this.last = { bytes, body: { status: 'success', data: 'x'.repeat(Math.max(0, Math.min(bytes, 5_000_000) - 31)) } };
    }
    return this.last.body;
  }
}

/** The application with the B0 endpoint added: what the bench starts. */
@Module({})
export class BenchModule {
  static around(app: DynamicModule): DynamicModule {
    return { module: BenchModule, imports: [app], controllers: [BenchController] };
  }
}
