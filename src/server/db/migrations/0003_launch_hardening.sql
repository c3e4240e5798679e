CREATE TABLE "staff_login_throttle" (
	"client_address" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "staff_login_throttle_client_address_window_start_pk" PRIMARY KEY("client_address","window_start")
);
--> statement-breakpoint
ALTER TABLE "job_runs" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "staff_login_throttle_window" ON "staff_login_throttle" USING btree ("window_start");