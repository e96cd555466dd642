import { EMPTY, type Observable, type OperatorFunction, defer, mergeMap, of } from 'rxjs';
import { catchError } from 'rxjs/operators';

/**
 * `map` for @Saga() streams that survives a throwing mapper. @nestjs/cqrs subscribes each saga once; an error that
 * escapes the pipeline ends the subscription for good, and every later event of every order would be ignored.
 * Here the error is handed to `onError` for that one event and the stream goes on.
 */
export const safeMap =
  <TEvent, TCommand>(
    project: (event: TEvent) => TCommand,
    onError: (event: TEvent, error: unknown) => void,
  ): OperatorFunction<TEvent, TCommand> =>
  (source: Observable<TEvent>) =>
    source.pipe(
      mergeMap((event) =>
        defer(() => of(project(event))).pipe(
          catchError((error: unknown) => {
            onError(event, error);
            return EMPTY;
          }),
        ),
      ),
    );
