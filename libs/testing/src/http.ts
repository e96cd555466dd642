export async function getJson<T = Record<string, any>>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

export async function sendJson<T = Record<string, any>>(
  method: 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}
