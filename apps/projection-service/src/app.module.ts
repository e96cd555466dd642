import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { CepModule } from './cep/cep.module.js';
import { CepReactor } from './cep/cep.reactor.js';
import { CustomerViewProjector } from './customer-view/customer-view.projector.js';
import { CustomerViewReader } from './customer-view/customer-view.reader.js';
import { CustomerViewsController } from './customer-view/customer-views.controller.js';
import { PurchaseEnrichmentReactor } from './enrichment/purchase-enrichment.reactor.js';
import { ViewChangeListener } from './feed/view-change-listener.js';
import { ViewFeed } from './feed/view-feed.js';
import { ViewStreamController } from './feed/view-stream.controller.js';
import { CreateOrderView1764300000200 } from './migrations/1764300000200-create-order-view.js';
import { CreateReadSide1764300000210 } from './migrations/1764300000210-create-read-side.js';
import { CreateSalesWindows1764300000220 } from './migrations/1764300000220-create-sales-windows.js';
import { CreateCepState1764300000230 } from './migrations/1764300000230-create-cep-state.js';
import { CreateViewVersions1764300000240 } from './migrations/1764300000240-create-view-versions.js';
import { OrderViewProjector } from './order-view/order-view.projector.js';
import { OrderViewReader } from './order-view/order-view.reader.js';
import { OrderViewsController } from './order-view/order-views.controller.js';
import type { ProjectionConfig } from './projection.config.js';
import { LiveProjectionConsumer } from './read-model/live-projection.consumer.js';
import { ReadModelModule } from './read-model/read-model.module.js';
import { RebuildJobs } from './rebuild/rebuild-jobs.js';
import { RebuildController } from './rebuild/rebuild.controller.js';
import { ViewRebuilder } from './rebuild/view-rebuilder.js';
import { ViewVersions } from './rebuild/view-versions.js';
import { SalesViewsController } from './sales/sales-views.controller.js';
import { SalesWindowsProjector } from './sales/sales-windows.projector.js';
import { SalesWindowsReader } from './sales/sales-windows.reader.js';

@Module({})
export class ProjectionServiceModule {
  static forRoot(config: ProjectionConfig): DynamicModule {
    return {
      module: ProjectionServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.projection,
          config,
          entities: [],
          migrations: [
            CreateOrderView1764300000200,
            CreateReadSide1764300000210,
            CreateSalesWindows1764300000220,
            CreateCepState1764300000230,
            CreateViewVersions1764300000240,
          ],
          // projection.events is its own; consumers own the dead-letter topics of what they read, and create the
          // source topics too (same definition) if the projection happens to start before their producers.
          topics: [
            TopicDefinitions.projectionEvents,
            TopicDefinitions.orderEvents,
            TopicDefinitions.orderEventsDlq,
            TopicDefinitions.paymentEvents,
            TopicDefinitions.paymentEventsDlq,
            TopicDefinitions.inventoryEvents,
            TopicDefinitions.inventoryEventsDlq,
            TopicDefinitions.shippingEvents,
            TopicDefinitions.shippingEventsDlq,
            TopicDefinitions.shippingLabelEvents,
            TopicDefinitions.shippingLabelEventsDlq,
            TopicDefinitions.customerEvents,
            TopicDefinitions.customerEventsDlq,
          ],
        }),
        ReadModelModule.forRoot({
          projectors: [OrderViewProjector, CustomerViewProjector, SalesWindowsProjector],
          reactors: [PurchaseEnrichmentReactor, CepReactor],
        }),
        CepModule,
      ],
      controllers: [
        LiveProjectionConsumer,
        OrderViewsController,
        CustomerViewsController,
        SalesViewsController,
        ViewStreamController,
        RebuildController,
      ],
      providers: [
        OrderViewReader,
        CustomerViewReader,
        SalesWindowsReader,
        ViewFeed,
        ViewChangeListener,
        ViewRebuilder,
        RebuildJobs,
        ViewVersions,
      ],
    };
  }
}
