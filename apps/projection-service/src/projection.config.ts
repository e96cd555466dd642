import { serviceConfigSchema, type ServiceConfig } from '@edr/config';
import { Services } from '@edr/topology';

export const projectionConfigSchema = serviceConfigSchema(Services.projection);
export type ProjectionConfig = ServiceConfig;
