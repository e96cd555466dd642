import { serviceConfigSchema, type ServiceConfig } from '@edr/config';

export const orderConfigSchema = serviceConfigSchema({ name: 'order', port: 3001 });
export type OrderConfig = ServiceConfig;
