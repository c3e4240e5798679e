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
CREATE TABLE "member_code_secrets" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"store_id" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"sessions_valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_accounts_username_unique" UNIQUE("username"),
	CONSTRAINT "staff_accounts_role" CHECK ("staff_accounts"."role" IN ('clerk', 'manager', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "staff_audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"staff_id" uuid,
	"username" text NOT NULL,
	"store_id" text,
	"member_id" uuid,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "used_rotating_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"time_step" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"action" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_code_secrets" ADD CONSTRAINT "member_code_secrets_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit_log" ADD CONSTRAINT "staff_audit_log_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit_log" ADD CONSTRAINT "staff_audit_log_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD CONSTRAINT "used_rotating_codes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_member_issue" ON "coupons" USING btree ("member_id","issue_key");--> statement-breakpoint
CREATE INDEX "coupons_member" ON "coupons" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_store_receipt" ON "purchases" USING btree ("store_id","receipt_id");--> statement-breakpoint
CREATE INDEX "purchases_member_time" ON "purchases" USING btree ("member_id","purchased_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stamps_purchase" ON "stamps" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "stamps_member_card" ON "stamps" USING btree ("member_id","card_number");--> statement-breakpoint
CREATE INDEX "staff_audit_log_store_time" ON "staff_audit_log" USING btree ("store_id","at");--> statement-breakpoint
CREATE INDEX "staff_audit_log_time" ON "staff_audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "used_rotating_codes_member_step" ON "used_rotating_codes" USING btree ("member_id","time_step");