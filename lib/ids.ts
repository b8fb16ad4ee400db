/** Random ids that stay unique across devices, so synced records never collide. */
export function newId(): string {
  return crypto.randomUUID();
}
