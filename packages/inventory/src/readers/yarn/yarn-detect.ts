/** True when a yarn.lock's first bytes show yarn berry's YAML (`__metadata:`), false for yarn classic. */
export function isBerryLockfile(head: string): boolean {
  return /^__metadata:/m.test(head);
}
