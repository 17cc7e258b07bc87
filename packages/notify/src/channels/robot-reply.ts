/**
 * Reads a group robot's answer (WeCom and DingTalk both answer `{"errcode":0,"errmsg":"ok"}`):
 * anything else — an HTTP error, a non-zero errcode such as a rate limit or a bad key — throws,
 * so the delivery is retried and counted as the channel's failure.
 */
export async function robotReply(vendor: string, res: Response): Promise<void> {
  const body = await res.text();
  if (!res.ok) throw new Error(`${vendor} answered HTTP ${res.status}: ${body.slice(0, 200)}`);
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(body) as typeof reply;
  } catch {
    throw new Error(`${vendor} answered something not JSON: ${body.slice(0, 200)}`);
  }
  if (reply.errcode !== 0) throw new Error(`${vendor} errcode ${String(reply.errcode)}: ${String(reply.errmsg ?? '')}`);
}

/** How long one vendor request may take before it counts as failed. */
export const VENDOR_TIMEOUT_MS = 10_000;
