import { serviceConfigSchema, type ServiceConfig } from '@edr/config';

export const orderConfigSchema = serviceConfigSchema({ name: 'order', port: 3001 });
export type OrderConfig = ServiceConfig;
export const ORDER_CONFIG = Symbol('ORDER_CONFIG');
