import { serviceConfigSchema, type ServiceConfig } from '@edr/config';

export const projectionConfigSchema = serviceConfigSchema({ name: 'projection', port: 3006 });
export type ProjectionConfig = ServiceConfig;
