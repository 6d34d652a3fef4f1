/**
 * A server-sent-events reader over fetch (EventSource cannot send the API key header): parses `id`, `event` and
 * `data` fields (WHATWG rules), reconnects after `retry` ms with `Last-Event-ID`, and stops on `close()`.
 */
export interface SseMessage {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

export interface SseHandlers {
  readonly onMessage: (m: SseMessage) => void;
  readonly onStatus?: (connected: boolean, error?: string) => void;
}

export function openSse(url: string, apiKey: string, handlers: SseHandlers): { close: () => void } {
  const abort = new AbortController();
  let lastId: string | undefined;
  let retryMs = 5000;
  let closed = false;

  const dispatch = (block: string): void => {
    let event = 'message';
    const data: string[] = [];
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (id !== undefined) lastId = id;
    if (data.length > 0) handlers.onMessage({ id, event, data: data.join('\n') });
  };

  const run = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await fetch(url, {
          headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream', ...(lastId !== undefined ? { 'last-event-id': lastId } : {}) },
          signal: abort.signal,
        });
        if (!res.ok || res.body === null) throw new Error(`stream answered ${res.status}`);
        handlers.onStatus?.(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n?/g, '\n');
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            dispatch(buffer.slice(0, cut));
            buffer = buffer.slice(cut + 2);
          }
        }
        handlers.onStatus?.(false, 'the alert stream ended; reconnecting');
      } catch (e) {
        if (closed) return;
        handlers.onStatus?.(false, e instanceof Error ? e.message : String(e));
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
  };
  void run();
  return {
    close: () => {
      closed = true;
      abort.abort();
    },
  };
}
