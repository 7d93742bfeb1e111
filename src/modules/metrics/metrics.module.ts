import { DynamicModule, Global, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { metricProviders } from './metrics';
import { MetricsController, MetricsTokenGuard } from './metrics.controller';

@Global()
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    // prom-client's registry is process-wide; a second app in the same process (tests) reuses it.
    const defaultsCollected = register.getSingleMetric('process_cpu_user_seconds_total') !== undefined;
    return {
      module: MetricsModule,
      imports: [PrometheusModule.register({ path: '/metrics', controller: MetricsController, defaultMetrics: { enabled: !defaultsCollected } })],
      providers: [...metricProviders, MetricsTokenGuard],
      exports: metricProviders,
    };
  }
}
