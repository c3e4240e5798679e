CREATE TABLE "link_target_guards" (
	"target" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_login_throttle" (
	"client_address" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "staff_login_throttle_client_address_window_start_pk" PRIMARY KEY("client_address","window_start")
);
--> statement-breakpoint
ALTER TABLE "membership_audit" ALTER COLUMN "client_address" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "session_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD COLUMN "staff_id" uuid;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD COLUMN "store_id" text;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD COLUMN "checkout_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "used_rotating_codes" ADD COLUMN "points_idempotency_key" text;--> statement-breakpoint
CREATE INDEX "staff_login_throttle_window" ON "staff_login_throttle" USING btree ("window_start");