export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: Record<string, any>;
}

/**
 * Reads server-sent events from `url` until `enough` says so (or the timeout); `headers` e.g. Last-Event-ID. A
 * plain fetch with a streamed body: what an EventSource does, without a browser.
 */
export async function readSse(
  url: string,
  enough: (events: readonly SseEvent[]) => boolean,
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    if (response.status !== 200) throw new Error(`GET ${url} → ${response.status} ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim() ?? null;
        const data = field('data');
        if (data === null) continue;
        events.push({ id: field('id'), event: field('event') ?? 'message', data: JSON.parse(data) });
      }
      if (enough(events)) break;
    }
    return events;
  } catch (error) {
    if (abort.signal.aborted)
      throw new Error(`${url}: not enough events within ${timeoutMs} ms (got ${events.length})`);
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
