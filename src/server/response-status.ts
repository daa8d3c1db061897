import type { Response } from "express";

/** nginx's "client closed request": what a response counts as when the client left before it was complete. */
export const CLIENT_CLOSED_REQUEST = 499;

/** The status to log and count for a response that has ended: its own, or 499 if the client went away first. */
export function finalStatus(response: Response): number {
  return response.writableFinished ? response.statusCode : CLIENT_CLOSED_REQUEST;
}
