ALTER TABLE "staff_accounts" ADD COLUMN "session_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_accounts" DROP COLUMN "sessions_valid_from";