import { useRangeStore } from '../stores/range-store';
import { BlocksCard } from './blocks-card';
import { CouponsCard } from './coupons-card';
import { FunnelCard } from './funnel-card';
import { LinksCard } from './links-card';
import { PointsCard } from './points-card';
import { RangePicker } from './range-picker';
import { ReachableCard } from './reachable-card';
import { StoresCard } from './stores-card';

export function DashboardScreen() {
  const range = useRangeStore((s) => s.range);
  return (
    <div className="flex flex-col gap-4">
      <RangePicker />
      <div className="grid gap-4 lg:grid-cols-2">
        <FunnelCard range={range} />
        <PointsCard />
        <LinksCard range={range} />
        <BlocksCard range={range} />
        <ReachableCard />
        <CouponsCard range={range} />
        <StoresCard range={range} />
      </div>
    </div>
  );
}
