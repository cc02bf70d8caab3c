// Calls to the query API, on the console's own origin, with the session's bearer token. An error
// is read by its `code` only (the body's shape may carry more: problem details, messages), so the
// page can say what went wrong in the user's language.
import { currentToken } from './session.js';

export class ApiProblem extends Error {
  constructor(status, code) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

function headers(accept) {
  return { authorization: `Bearer ${currentToken()}`, accept };
}

function urlOf(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function problemOf(response) {
  let code = `http_${response.status}`;
  try {
    const body = await response.json();
    if (typeof body?.code === 'string') code = body.code;
  } catch {
    // Not JSON: the status names the problem.
  }
  return new ApiProblem(response.status, code);
}

export async function getJson(path, parameters) {
  let response;
  try {
    response = await fetch(urlOf(path, parameters), { headers: headers('application/json') });
  } catch {
    throw new ApiProblem(0, 'network_error');
  }
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

/** Reads every page of a list (`items` + `nextCursor`), up to `pagesMax` pages. */
export async function getAllPages(path, parameters, field = 'items', pagesMax = 20) {
  const items = [];
  let cursor;
  for (let page = 0; page < pagesMax; page += 1) {
    const body = await getJson(path, { ...parameters, cursor });
    items.push(...body[field]);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Fetches a file (an export) and hands it to the browser as a download; returns its file name. */
export async function download(path, parameters, fallbackName) {
  const response = await fetch(urlOf(path, parameters), { headers: headers('*/*') });
  if (!response.ok) throw await problemOf(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const named = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = named === null ? fallbackName : decodeURIComponent(named[1]);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return name;
}

/**
 * Opens a server-sent event stream with the token (EventSource cannot send one) and calls
 * `onEvent(name, data, id)` for each event until `signal` aborts. Reconnects after the last id.
 */
export async function streamEvents(path, onEvent, signal, onState) {
  let lastId;
  while (!signal.aborted) {
    try {
      const response = await fetch(path, {
        headers: { ...headers('text/event-stream, application/json;q=0.1'), ...(lastId ? { 'last-event-id': lastId } : {}) },
        signal,
      });
      if (!response.ok) throw await problemOf(response);
      onState('open');
      lastId = await readEvents(response.body, onEvent) ?? lastId;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiProblem && error.status >= 400 && error.status < 500 && error.status !== 429) {
        onState('refused', error.code);
        return;
      }
    }
    onState('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let lastId;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return lastId;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = { name: 'message', data: [], id: undefined };
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event.name = line.slice(7);
        else if (line.startsWith('data: ')) event.data.push(line.slice(6));
        else if (line.startsWith('id: ')) event.id = line.slice(4);
      }
      if (event.id !== undefined) lastId = event.id;
      if (event.data.length > 0) onEvent(event.name, JSON.parse(event.data.join('\n')), event.id);
    }
  }
}
