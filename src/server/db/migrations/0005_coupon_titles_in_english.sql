ALTER TABLE "coupons" ADD COLUMN "title_en" text;--> statement-breakpoint
-- Coupons issued under the default programme's titles get their English title; any other title shows as it was issued.
UPDATE "coupons" SET "title_en" = 'Birthday: 10% off' WHERE "title" = 'バースデー 10% OFF' AND "title_en" IS NULL;--> statement-breakpoint
UPDATE "coupons" SET "title_en" = 'Stamp card reward: ¥1,000 off' WHERE "title" = 'スタンプ特典 ¥1,000 OFF' AND "title_en" IS NULL;
