/** A process of the stack the bench measures, with all its descendants (Postgres forks a backend per connection). */
export interface MeasuredProcess {
  /** `postgres`, `kafka`, `connect` or a service's app name. */
  readonly name: string;
  readonly pid: number;
  readonly kind: 'infra' | 'service';
}
