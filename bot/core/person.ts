/** A person, identified by Entra object id within a tenant. */
export type PersonRef = {
  readonly tenantId: string;
  readonly userId: string;
};

/** A stable string key for a person, for maps and logs. */
export function personKey(person: PersonRef): string {
  return `${person.tenantId}/${person.userId}`;
}
