import { serviceConfigSchema, type ServiceConfig } from '@edr/config';

export const projectionConfigSchema = serviceConfigSchema({ name: 'projection', port: 3006 });
export type ProjectionConfig = ServiceConfig;
export const PROJECTION_CONFIG = Symbol('PROJECTION_CONFIG');
