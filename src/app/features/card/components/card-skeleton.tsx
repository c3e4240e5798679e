import { Bone, Skeleton } from '../../../components/skeleton';

/**
 * The card's outline at the card's own size, so nothing moves when the card arrives (a first open,
 * before the session answers). Repeat opens paint the cached card instead.
 */
export function CardSkeleton() {
  return (
    <Skeleton testId="card-skeleton">
      <div className="flex flex-col items-center gap-3 px-3 py-4">
        <div className="w-full max-w-[366px] overflow-hidden rounded-2xl bg-white shadow-md ring-1 ring-stone-200">
          <div className="h-11 bg-stone-900" />
          <div className="flex flex-col items-center gap-2 py-3">
            <Bone className="h-[118px] w-[291px] rounded-none" testId="card-skeleton-barcode" />
            <Bone className="h-3 w-2/3" />
          </div>
          <div className="flex flex-col items-center gap-2 border-t border-stone-100 p-3">
            <Bone className="h-3 w-16" />
            <Bone className="h-9 w-28" />
          </div>
        </div>
        <Bone className="h-14 w-full max-w-[366px] rounded-xl" />
        <div className="grid w-full max-w-[366px] grid-cols-2 gap-3">
          <Bone className="h-16 rounded-xl" />
          <Bone className="h-16 rounded-xl" />
        </div>
      </div>
    </Skeleton>
  );
}
