// The fake's answers as plain values: the HTTP server writes them straight to the socket, the
// sandbox route turns them into a fetch Response. (WHATWG Responses cost a benchmark fake at a
// thousand calls a second more CPU and garbage than everything else it does.)

export type FakeReply = { status: number; contentType: string | null; body: string };

export const jsonReply = (value: unknown, status = 200): FakeReply => ({ status, contentType: 'application/json', body: JSON.stringify(value) });

export const emptyReply = (status: number): FakeReply => ({ status, contentType: null, body: '' });

export function replyToResponse(reply: FakeReply): Response {
  return new Response(reply.body === '' ? null : reply.body, {
    status: reply.status,
    headers: reply.contentType ? { 'content-type': reply.contentType } : {},
  });
}
