/**
 * Injection token of the service's own parsed configuration (its ServiceConfig plus the service's extra fields).
 * One token for every service, so shared code (consumers, health, the platform module) can ask for the settings it
 * needs without knowing which service it runs in.
 */
export const SERVICE_CONFIG = Symbol.for('edr.service-config');
