/**
 * Seeded personas of the mocked LIFF browser: data, not code branches. The dev BFF creates the
 * members that already exist (everyone but "new-member", who registers ID-first on first open)
 * and signs ID tokens for all of them with its local key.
 */
export type PersonaSeed = {
  memberNumber: string;
  /** Points earned `daysAgo` days before seeding, each becoming one lot. */
  earnings: Array<{ points: number; daysAgo: number }>;
};

export type Persona = {
  id: string;
  /** LINE user ids are "U" + 32 hex digits. */
  lineUserId: string;
  displayName: string;
  description: string;
  seed: PersonaSeed | null;
};

export const personas: Persona[] = [
  {
    id: 'new-member',
    lineUserId: 'U00000000000000000000000000000001',
    displayName: '新井 はじめ',
    description: 'First open: no member yet (ID-first registration)',
    seed: null,
  },
  {
    id: 'with-points',
    lineUserId: 'U00000000000000000000000000000002',
    displayName: '山田 花子',
    description: 'Member with 1,280 points',
    seed: {
      memberNumber: '2900000000025',
      earnings: [
        { points: 500, daysAgo: 200 },
        { points: 780, daysAgo: 20 },
      ],
    },
  },
];

export function findPersona(id: string): Persona | undefined {
  return personas.find((p) => p.id === id);
}
