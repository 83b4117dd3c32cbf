/**
 * The reverse rows account deletion finds other users' records by (docs/account-deletion.md), checked
 * over a whole table: every user contact has its `CONTACTEDBY#` row and every such row its contact;
 * every detached C2C pin has its `PINNEDBY#` row and every such row its pin. Empty when they agree.
 */
export function reverseRowDrift(items: ReadonlyArray<Record<string, any>>): string[] {
  const pairs = (type: string, pair: (item: Record<string, any>) => string[]) =>
    new Set(items.filter((item) => item.type === type).flatMap(pair));
  const contacts = pairs('CONTACT', (item) => (item.kind === 'user' ? [`${item.ownerId} → ${item.peerId}`] : []));
  const contactedBy = pairs('CONTACTEDBY', (item) => [`${item.ownerId} → ${item.userId}`]);
  const pins = pairs('PINNED', (item) =>
    [...((item.detached as Set<string> | undefined) ?? [])]
      .filter((slot) => slot.startsWith('U#'))
      .map((slot) => `${item.ownerId} → ${slot.slice(2)}`),
  );
  const pinnedBy = pairs('PINNEDBY', (item) => [`${item.ownerId} → ${item.userId}`]);
  const missing = (from: Set<string>, to: Set<string>, what: string) =>
    [...from].filter((pair) => !to.has(pair)).map((pair) => `${pair}: ${what}`);
  return [
    ...missing(contacts, contactedBy, 'contact without CONTACTEDBY# row'),
    ...missing(contactedBy, contacts, 'CONTACTEDBY# row without contact'),
    ...missing(pins, pinnedBy, 'detached pin without PINNEDBY# row'),
    ...missing(pinnedBy, pins, 'PINNEDBY# row without detached pin'),
  ];
}
