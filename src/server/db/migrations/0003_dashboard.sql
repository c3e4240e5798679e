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
CREATE TABLE "member_links" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"crm_member_id" text NOT NULL,
	"crm_member_number" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"unlinked_at" timestamp with time zone
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
ALTER TABLE "crm_member_benefits" ADD CONSTRAINT "crm_member_benefits_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_links" ADD CONSTRAINT "member_links_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD CONSTRAINT "member_profiles_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crm_member_benefits_granted_at" ON "crm_member_benefits" USING btree ("granted_at");--> statement-breakpoint
CREATE INDEX "line_friend_events_user_time" ON "line_friend_events" USING btree ("line_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "line_friend_events_time" ON "line_friend_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_crm" ON "member_links" USING btree ("crm_member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "member_links_active_member" ON "member_links" USING btree ("member_id") WHERE "member_links"."unlinked_at" IS NULL;--> statement-breakpoint
CREATE INDEX "member_links_linked_at" ON "member_links" USING btree ("linked_at");--> statement-breakpoint
CREATE INDEX "coupons_issued_at" ON "coupons" USING btree ("issued_at");--> statement-breakpoint
CREATE INDEX "coupons_used_at" ON "coupons" USING btree ("used_at");--> statement-breakpoint
CREATE INDEX "purchases_time" ON "purchases" USING btree ("purchased_at");