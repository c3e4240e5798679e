CREATE TABLE "job_runs" (
	"job" text NOT NULL,
	"jst_day" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "member_tier_snapshots" (
	"member_id" text PRIMARY KEY NOT NULL,
	"tier_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
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
CREATE TABLE "staff_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"store_id" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"session_generation" integer DEFAULT 0 NOT NULL,
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
ALTER TABLE "members" ADD COLUMN "code_secret" text DEFAULT replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') NOT NULL;--> statement-breakpoint
ALTER TABLE "crm_member_benefits" ADD CONSTRAINT "crm_member_benefits_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_links" ADD CONSTRAINT "member_links_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_number_aliases" ADD CONSTRAINT "member_number_aliases_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD CONSTRAINT "member_profiles_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit_log" ADD CONSTRAINT "staff_audit_log_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_audit_log" ADD CONSTRAINT "staff_audit_log_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD CONSTRAINT "used_rotating_codes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_day" ON "job_runs" USING btree ("job","jst_day");--> statement-breakpoint
CREATE INDEX "line_friend_events_user_time" ON "line_friend_events" USING btree ("line_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "line_friend_events_time" ON "line_friend_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "line_outbox_due" ON "line_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "crm_member_benefits_granted_at" ON "crm_member_benefits" USING btree ("granted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_crm" ON "member_links" USING btree ("crm_member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_member" ON "member_links" USING btree ("member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "member_links_linked_at" ON "member_links" USING btree ("linked_at");--> statement-breakpoint
CREATE INDEX "membership_audit_member_time" ON "membership_audit" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "membership_audit_address_time" ON "membership_audit" USING btree ("client_address","created_at");--> statement-breakpoint
CREATE INDEX "staff_audit_log_store_time" ON "staff_audit_log" USING btree ("store_id","at");--> statement-breakpoint
CREATE INDEX "staff_audit_log_time" ON "staff_audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "used_rotating_codes_member_step" ON "used_rotating_codes" USING btree ("member_id","time_step");--> statement-breakpoint
CREATE INDEX "coupons_issued_at" ON "coupons" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "coupons_used_at" ON "coupons" USING btree ("used_at");--> statement-breakpoint
CREATE INDEX "purchases_time" ON "purchases" USING btree ("purchased_at");