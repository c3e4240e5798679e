/**
 * Existing memberships from before the LINE card ("paper card" and web members): seeded into the
 * built-in CRM in development and served by the mock external CRM (mocks/crm-server.ts).
 */
export type CrmSeedMember = {
  id: string;
  memberNumber: string;
  name: string;
  birthday: string | null;
  phone: string | null;
  pointsBalance: number;
};

export const crmSeedMembers: CrmSeedMember[] = [
  { id: 'crm-0001', memberNumber: '1000000017', name: '紙山 カード子', birthday: '1985-04-12', phone: '09012345678', pointsBalance: 1500 },
  { id: 'crm-0002', memberNumber: '1000000024', name: '上田 ウェブ太', birthday: '1990-11-03', phone: '08011112222', pointsBalance: 420 },
  { id: 'crm-0003', memberNumber: '1000000031', name: '下村 ゼロ', birthday: null, phone: '07033334444', pointsBalance: 0 },
  // Linked in e2e/admin-campaigns.spec.ts during a link campaign.
  { id: 'crm-0004', memberNumber: '1000000048', name: '菊池 キャンペーン', birthday: '1978-06-30', phone: '09055556666', pointsBalance: 200 },
];
