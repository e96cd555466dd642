import { infraEndpoints } from '@edr/infra';

/** Where the infrastructure that `npm run infra:up` (or the test command) started listens. */
export const infra = infraEndpoints();
