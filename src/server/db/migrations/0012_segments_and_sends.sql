CREATE TABLE "segment_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"segment_id" uuid,
	"segment_name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"variants" jsonb NOT NULL,
	"holdout_percent" integer NOT NULL,
	"report_days" integer NOT NULL,
	"status" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"materialised_at" timestamp with time zone,
	"queued_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "segment_sends_status" CHECK ("segment_sends"."status" IN ('scheduled', 'sending', 'sent', 'cancelled')),
	CONSTRAINT "segment_sends_holdout" CHECK ("segment_sends"."holdout_percent" >= 0 AND "segment_sends"."holdout_percent" <= 90)
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "send_recipients" (
	"send_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"line_user_id" text,
	"variant" text NOT NULL,
	"status" text NOT NULL,
	"skip_reason" text,
	"batch" integer,
	"cause_key" text,
	CONSTRAINT "send_recipients_send_id_member_id_pk" PRIMARY KEY("send_id","member_id"),
	CONSTRAINT "send_recipients_status" CHECK ("send_recipients"."status" IN ('pending', 'queued', 'skipped', 'holdout'))
);
--> statement-breakpoint
ALTER TABLE "staff_accounts" DROP CONSTRAINT "staff_accounts_role";--> statement-breakpoint
ALTER TABLE "segment_sends" ADD CONSTRAINT "segment_sends_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_sends" ADD CONSTRAINT "segment_sends_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_recipients" ADD CONSTRAINT "send_recipients_send_id_segment_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."segment_sends"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_recipients" ADD CONSTRAINT "send_recipients_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_sends_due" ON "segment_sends" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "send_recipients_batch" ON "send_recipients" USING btree ("send_id","status","variant","batch");--> statement-breakpoint
CREATE INDEX "purchases_store_member" ON "purchases" USING btree ("store_id","member_id") WHERE "purchases"."voided_at" IS NULL;--> statement-breakpoint
CREATE INDEX "members_birthday_month" ON "members" USING btree ((extract(month from "birthday")));--> statement-breakpoint
ALTER TABLE "staff_accounts" ADD CONSTRAINT "staff_accounts_role" CHECK ("staff_accounts"."role" IN ('clerk', 'manager', 'admin', 'marketing'));