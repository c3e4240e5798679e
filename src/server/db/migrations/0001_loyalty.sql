CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"issue_key" text NOT NULL,
	"title" text NOT NULL,
	"discount" jsonb NOT NULL,
	"code" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_store_id" text,
	"redeem_key" text,
	CONSTRAINT "coupons_code_unique" UNIQUE("code"),
	CONSTRAINT "coupons_kind" CHECK ("coupons"."kind" IN ('birthday', 'stamp_reward', 'welcome', 'tier_reward')),
	CONSTRAINT "coupons_window" CHECK ("coupons"."valid_from" <= "coupons"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"store_id" text NOT NULL,
	"receipt_id" text NOT NULL,
	"amount_yen" integer NOT NULL,
	"purchased_at" timestamp with time zone NOT NULL,
	"points_earned" integer NOT NULL,
	"stamp_awarded" boolean NOT NULL,
	"voided_at" timestamp with time zone,
	CONSTRAINT "purchases_amount_positive" CHECK ("purchases"."amount_yen" > 0)
);
--> statement-breakpoint
CREATE TABLE "stamps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"purchase_id" bigint NOT NULL,
	"card_number" integer NOT NULL,
	"stamped_at" timestamp with time zone NOT NULL,
	"jst_day" date NOT NULL,
	"voided_at" timestamp with time zone
);
--> statement-breakpoint
-- The walking skeleton's ledger tables held only seeded dev data (personas are re-seeded at start):
-- they are replaced by the lot-based ledger rather than altered in place.
DROP TABLE "point_lots";--> statement-breakpoint
DROP TABLE "point_entries";--> statement-breakpoint
CREATE TABLE "point_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"points" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"purchase_id" text,
	"store_id" text,
	"lot_id" text,
	"allocations" jsonb NOT NULL,
	"reverses_key" text,
	"reallocations" jsonb NOT NULL,
	"unrecoverable_points" integer NOT NULL,
	"forfeited_points" integer NOT NULL,
	"reason" text,
	CONSTRAINT "point_entries_kind" CHECK ("point_entries"."kind" IN ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'transfer')),
	CONSTRAINT "point_entries_balance_after" CHECK ("point_entries"."balance_after" >= 0)
);
--> statement-breakpoint
CREATE TABLE "point_lots" (
	"member_id" uuid NOT NULL,
	"id" text NOT NULL,
	"source_key" text NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"points" integer NOT NULL,
	"remaining" integer NOT NULL,
	"reversed_at" timestamp with time zone,
	CONSTRAINT "point_lots_member_id_id_pk" PRIMARY KEY("member_id","id"),
	CONSTRAINT "point_lots_points_positive" CHECK ("point_lots"."points" > 0),
	CONSTRAINT "point_lots_remaining_in_range" CHECK ("point_lots"."remaining" >= 0 AND "point_lots"."remaining" <= "point_lots"."points")
);
--> statement-breakpoint
ALTER TABLE "point_entries" ADD CONSTRAINT "point_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "point_lots_member_expiry" ON "point_lots" USING btree ("member_id","expires_at");--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "birthday" date;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_member_issue" ON "coupons" USING btree ("member_id","issue_key");--> statement-breakpoint
CREATE INDEX "coupons_member" ON "coupons" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_store_receipt" ON "purchases" USING btree ("store_id","receipt_id");--> statement-breakpoint
CREATE INDEX "purchases_member_time" ON "purchases" USING btree ("member_id","purchased_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stamps_purchase" ON "stamps" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "stamps_member_card" ON "stamps" USING btree ("member_id","card_number");--> statement-breakpoint
CREATE INDEX "point_entries_member_at" ON "point_entries" USING btree ("member_id","at");--> statement-breakpoint
CREATE INDEX "point_lots_expiring" ON "point_lots" USING btree ("expires_at") WHERE "point_lots"."remaining" > 0 AND "point_lots"."reversed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "point_entries_member_key" ON "point_entries" USING btree ("member_id","key");