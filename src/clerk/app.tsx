import { QueryClientProvider, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Link, Route, Router, Switch } from 'wouter';
import { useI18n } from './lib/i18n';
import { StaffConsole } from '../staff-kit/components/staff-console';
import { refusalText } from '../staff-kit/lib/refusal-text';
import { createStaffQueryClient } from '../staff-kit/lib/staff-query-client';
import { AnomalyScreen } from './features/anomalies/components/anomaly-screen';
import { AuditScreen } from './features/audit/components/audit-screen';
import { endCheckout } from './features/register/api/end-checkout';
import { memberQueries } from './features/register/api/member-queries';
import { MemberPanel } from './features/register/components/member-panel';
import { PurchaseForm } from './features/register/components/purchase-form';
import { RedeemCouponForm } from './features/register/components/redeem-coupon-form';
import { RedeemPointsForm } from './features/register/components/redeem-points-form';
import { VoidPurchaseForm } from './features/register/components/void-purchase-form';
import { ScanField } from './features/scan/components/scan-field';
import { useScanStore } from './features/scan/stores/scan-store';

/** Log out or a session that ended forgets the last shopper too: the scanned code and the drafts. */
export function createQueryClient() {
  return createStaffQueryClient({ forgetShift: () => useScanStore.getState().clear() });
}

function Register() {
  const checkout = useScanStore((s) => s.checkout);
  // Keyed by checkout: 「次のお客様」 and log out start every form (the void form too) empty.
  return <RegisterCheckout key={checkout} />;
}

function RegisterCheckout() {
  const { t } = useI18n();
  const code = useScanStore((s) => s.code);
  const couponWithoutMember = useScanStore((s) => s.couponWithoutMember);
  const couponCode = useScanStore((s) => s.couponCode);
  const setCouponCode = useScanStore((s) => s.setCouponCode);
  const clear = useScanStore((s) => s.clear);
  const queryClient = useQueryClient();
  const nextCustomer = (checkout: string | undefined) => {
    // The checkout stops authorising spends now, not when its time runs out; the screen clears at once either way.
    if (checkout) void endCheckout(checkout).catch(() => undefined);
    // Nothing of this shopper stays cached: the same code scanned again is looked up afresh (and refused as used).
    queryClient.removeQueries({ queryKey: memberQueries.all() });
    clear();
  };
  const member = useQuery({ ...memberQueries.byCode(code ?? ''), enabled: code !== null });
  // On a portrait tablet the columns stack: scan and member, then the forms that take money, and
  // the void (destructive, rarely needed) last, never between the member and the purchase form.
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="flex flex-col gap-4">
        <ScanField />
        {couponWithoutMember && (
          <p role="alert" className="rounded-lg bg-amber-50 p-3 font-semibold text-amber-900" data-testid="coupon-needs-member">
            {t('clerk.scan.couponNeedsMember')}
          </p>
        )}
        {code !== null && member.isError && !member.data && (
          <p role="alert" className="rounded-lg bg-red-50 p-3 font-semibold text-red-900" data-testid="lookup-error">
            {refusalText(member.error, t)}
          </p>
        )}
        {code !== null && member.isFetching && !member.data && <p className="text-stone-500">{t('app.loading')}</p>}
        {code !== null && member.data && (
          <>
            <MemberPanel member={member.data} />
          </>
        )}
        {(code !== null || couponWithoutMember) && (
          <button type="button" className="w-full rounded-xl bg-stone-900 px-6 py-4 text-xl font-bold text-white shadow-sm" onClick={() => nextCustomer(member.data?.checkout?.id)}>
            {t('clerk.scan.clear')}
          </button>
        )}
      </div>
      {code !== null && member.data && (
        // Keyed by member number: the forms never carry over to another shopper, yet scanning the
        // same shopper's rotating code (to allow spending) keeps what was typed.
        <div className="flex flex-col gap-4" key={member.data.memberNumber}>
          <PurchaseForm member={member.data} />
          <RedeemPointsForm member={member.data} />
          <RedeemCouponForm member={member.data} couponCode={couponCode} setCouponCode={setCouponCode} />
        </div>
      )}
      <div className="lg:col-span-2">
        <VoidPurchaseForm />
      </div>
    </div>
  );
}

function Console() {
  const { t } = useI18n();
  return (
    <StaffConsole
      title={<Link href="/">{t('clerk.title')}</Link>}
      loginTitle="clerk.login.title"
      demoRoles={['clerk', 'manager', 'admin']}
      nav={(me) =>
        (me.role === 'manager' || me.role === 'admin') && (
          <>
            <Link href="/anomalies">{t('clerk.anomalies.link')}</Link>
            <Link href="/audit">{t('clerk.audit.link')}</Link>
          </>
        )
      }
    >
      {(me) =>
        me.role === 'marketing' ? (
          <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900">
            {t('clerk.marketingOnly')}
          </p>
        ) : (
          <Switch>
            <Route path="/audit" component={AuditScreen} />
            <Route path="/anomalies" component={AnomalyScreen} />
            <Route>
              <Register />
            </Route>
          </Switch>
        )
      }
    </StaffConsole>
  );
}

export function ClerkApp({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Router base="/clerk">
        <Console />
      </Router>
    </QueryClientProvider>
  );
}
