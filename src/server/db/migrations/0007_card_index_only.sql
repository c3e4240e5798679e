DROP INDEX "point_lots_member_expiry";--> statement-breakpoint
DROP INDEX "coupons_member";--> statement-breakpoint
DROP INDEX "purchases_member_time";--> statement-breakpoint
DROP INDEX "stamps_member_card";--> statement-breakpoint
CREATE INDEX "point_lots_member_expiry" ON "point_lots" USING btree ("member_id","expires_at","remaining","reversed_at");--> statement-breakpoint
CREATE INDEX "coupons_member" ON "coupons" USING btree ("member_id","used_at","valid_until","valid_from");--> statement-breakpoint
CREATE INDEX "purchases_member_time" ON "purchases" USING btree ("member_id","purchased_at","voided_at","amount_yen");--> statement-breakpoint
CREATE INDEX "stamps_member_card" ON "stamps" USING btree ("member_id","card_number","voided_at");