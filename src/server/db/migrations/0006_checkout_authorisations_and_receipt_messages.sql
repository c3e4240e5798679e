CREATE TABLE "checkout_authorisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"member_id" uuid NOT NULL,
	"time_step" bigint NOT NULL,
	"staff_id" uuid NOT NULL,
	"staff_session_id" text NOT NULL,
	"store_id" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
DROP TABLE "used_rotating_codes" CASCADE;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "purchase_receipts" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "checkout_authorisations" ADD CONSTRAINT "checkout_authorisations_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_authorisations" ADD CONSTRAINT "checkout_authorisations_staff_id_staff_accounts_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_authorisations_member_step" ON "checkout_authorisations" USING btree ("member_id","time_step");--> statement-breakpoint
CREATE INDEX "checkout_authorisations_staff" ON "checkout_authorisations" USING btree ("staff_id");