ALTER TABLE "line_outbox" ALTER COLUMN "line_user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "line_outbox" ADD COLUMN "member_id" text;--> statement-breakpoint
ALTER TABLE "line_outbox" ADD CONSTRAINT "line_outbox_recipient" CHECK (("line_outbox"."kind" IN ('push', 'rich_menu') AND "line_outbox"."line_user_id" IS NOT NULL)
        OR ("line_outbox"."kind" = 'multicast' AND "line_outbox"."line_user_id" IS NULL)
        OR ("line_outbox"."kind" IN ('apns_pass_update', 'google_wallet_patch') AND "line_outbox"."member_id" IS NOT NULL AND "line_outbox"."line_user_id" IS NULL));