ALTER TABLE "member_profiles" ADD COLUMN "family_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "given_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "family_kana" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "given_kana" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "prefecture" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "city" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "street" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "member_profiles" ADD COLUMN "building" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Profiles saved with one name field: split at the first space (half- or full-width) into family and given name; with no space it all stays the family name.
UPDATE "member_profiles" SET
	"family_name" = regexp_replace(btrim("full_name", ' 　'), '[ 　].*$', ''),
	"given_name" = btrim(regexp_replace(btrim("full_name", ' 　'), '^[^ 　]*', ''), ' 　'),
	"family_kana" = regexp_replace(btrim("kana", ' 　'), '[ 　].*$', ''),
	"given_kana" = btrim(regexp_replace(btrim("kana", ' 　'), '^[^ 　]*', ''), ' 　');--> statement-breakpoint
ALTER TABLE "member_profiles" DROP COLUMN "full_name";--> statement-breakpoint
ALTER TABLE "member_profiles" DROP COLUMN "kana";
