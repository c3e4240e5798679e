CREATE TABLE "line_friend_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"webhook_event_id" text NOT NULL,
	"line_user_id" text NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "line_friend_events_webhook_event_id_unique" UNIQUE("webhook_event_id")
);
--> statement-breakpoint
CREATE TABLE "line_friends" (
	"line_user_id" text PRIMARY KEY NOT NULL,
	"is_friend" boolean NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cause_key" text NOT NULL,
	"kind" text NOT NULL,
	"line_user_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	"retry_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "line_outbox_cause_key_unique" UNIQUE("cause_key"),
	CONSTRAINT "line_outbox_status" CHECK ("line_outbox"."status" IN ('pending', 'sent', 'skipped', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "crm_member_benefits" (
	"crm_member_id" text NOT NULL,
	"kind" text NOT NULL,
	"member_id" uuid,
	"points" integer NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "crm_member_benefits_crm_member_id_kind_pk" PRIMARY KEY("crm_member_id","kind"),
	CONSTRAINT "crm_member_benefits_kind" CHECK ("crm_member_benefits"."kind" IN ('link_incentive', 'points_transfer'))
);
--> statement-breakpoint
CREATE TABLE "crm_members" (
	"id" text PRIMARY KEY NOT NULL,
	"member_number" text NOT NULL,
	"name" text NOT NULL,
	"birthday" date,
	"phone" text,
	"points_balance" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "crm_members_member_number_unique" UNIQUE("member_number")
);
--> statement-breakpoint
CREATE TABLE "member_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"crm_member_id" text NOT NULL,
	"crm_member_number" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"unlinked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "member_number_aliases" (
	"number" text PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"outcome" text NOT NULL,
	"member_id" uuid,
	"client_address" text NOT NULL,
	"detail" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "member_profiles" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"kana" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"postal_code" text NOT NULL,
	"marketing_consent" boolean NOT NULL,
	"terms_accepted_at" timestamp with time zone NOT NULL,
	"birthday_changes" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "birthday" date;--> statement-breakpoint
ALTER TABLE "crm_member_benefits" ADD CONSTRAINT "crm_member_benefits_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_links" ADD CONSTRAINT "member_links_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_number_aliases" ADD CONSTRAINT "member_number_aliases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stamps" ADD CONSTRAINT "stamps_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD CONSTRAINT "member_profiles_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "line_friend_events_user_time" ON "line_friend_events" USING btree ("line_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "line_outbox_due" ON "line_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_crm" ON "member_links" USING btree ("crm_member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_member" ON "member_links" USING btree ("member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "membership_audit_member_time" ON "membership_audit" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "membership_audit_address_time" ON "membership_audit" USING btree ("client_address","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_member_issue" ON "coupons" USING btree ("member_id","issue_key");--> statement-breakpoint
CREATE INDEX "coupons_member" ON "coupons" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_store_receipt" ON "purchases" USING btree ("store_id","receipt_id");--> statement-breakpoint
CREATE INDEX "purchases_member_time" ON "purchases" USING btree ("member_id","purchased_at");--> statement-breakpoint
CREATE UNIQUE INDEX "stamps_purchase" ON "stamps" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "stamps_member_card" ON "stamps" USING btree ("member_id","card_number");