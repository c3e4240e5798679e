CREATE TABLE "google_wallet_objects" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"object_id" text NOT NULL,
	"pushed_tier_id" text,
	"state" text DEFAULT 'ACTIVE' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "google_wallet_objects_object_id_unique" UNIQUE("object_id"),
	CONSTRAINT "google_wallet_objects_state" CHECK ("google_wallet_objects"."state" IN ('ACTIVE', 'INACTIVE'))
);
--> statement-breakpoint
ALTER TABLE "google_wallet_objects" ADD CONSTRAINT "google_wallet_objects_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;