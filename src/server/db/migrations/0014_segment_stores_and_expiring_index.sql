DROP INDEX "purchases_store_member";--> statement-breakpoint
DROP INDEX "point_lots_expiring";--> statement-breakpoint
ALTER TABLE "member_facts" ADD COLUMN "stores" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "point_lots_expiring" ON "point_lots" USING btree ("expires_at","member_id") WHERE "point_lots"."remaining" > 0 AND "point_lots"."reversed_at" IS NULL;--> statement-breakpoint
-- hand-written: member_facts.stores, the stores of a member's non-voided purchases (segments: "bought
-- at store" reads one row per member instead of millions of purchases). The purchases trigger keeps
-- it as it keeps the rest of the row: a new purchase adds its store if new; a void, or a change of
-- member, amount, time or store, recounts the member.
CREATE OR REPLACE FUNCTION member_facts_recount(p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The row's lock first: the recount below (a new snapshot) then sees every purchase committed before it.
  PERFORM 1 FROM member_facts WHERE member_id = p_member FOR UPDATE;
  INSERT INTO member_facts AS f (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at, stores)
  SELECT p_member, s.spend_from, coalesce(sum(pu.amount_yen) FILTER (WHERE pu.purchased_at >= s.spend_from), 0),
    min(pu.purchased_at) FILTER (WHERE pu.purchased_at >= s.spend_from), max(pu.purchased_at),
    coalesce(array_agg(DISTINCT pu.store_id ORDER BY pu.store_id) FILTER (WHERE pu.store_id IS NOT NULL), '{}')
  FROM (SELECT coalesce((SELECT spend_from FROM member_facts WHERE member_id = p_member), '-infinity'::timestamptz) AS spend_from) s
  LEFT JOIN purchases pu ON pu.member_id = p_member AND pu.voided_at IS NULL
  GROUP BY s.spend_from
  ON CONFLICT (member_id) DO UPDATE SET spend_yen = excluded.spend_yen, oldest_counted_at = excluded.oldest_counted_at,
    last_purchase_at = excluded.last_purchase_at, stores = excluded.stores;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_facts_purchases_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.voided_at IS NULL THEN
      INSERT INTO member_facts AS f (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at, stores)
      VALUES (NEW.member_id, '-infinity', NEW.amount_yen, NEW.purchased_at, NEW.purchased_at, ARRAY[NEW.store_id])
      ON CONFLICT (member_id) DO UPDATE SET
        spend_yen = f.spend_yen + CASE WHEN NEW.purchased_at >= f.spend_from THEN NEW.amount_yen ELSE 0 END,
        oldest_counted_at = CASE WHEN NEW.purchased_at >= f.spend_from THEN least(f.oldest_counted_at, NEW.purchased_at) ELSE f.oldest_counted_at END,
        last_purchase_at = greatest(f.last_purchase_at, NEW.purchased_at),
        stores = CASE WHEN NEW.store_id = ANY (f.stores) THEN f.stores ELSE f.stores || NEW.store_id END;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.member_id = NEW.member_id AND OLD.amount_yen = NEW.amount_yen AND OLD.purchased_at = NEW.purchased_at
    AND OLD.store_id = NEW.store_id AND (OLD.voided_at IS NULL) = (NEW.voided_at IS NULL) THEN RETURN NULL; END IF;
  PERFORM member_facts_recount(OLD.member_id);
  IF TG_OP = 'UPDATE' AND NEW.member_id <> OLD.member_id THEN PERFORM member_facts_recount(NEW.member_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER member_facts_purchases ON purchases;
--> statement-breakpoint
CREATE TRIGGER member_facts_purchases AFTER INSERT OR DELETE OR UPDATE OF member_id, store_id, amount_yen, purchased_at, voided_at ON purchases FOR EACH ROW EXECUTE FUNCTION member_facts_purchases_trigger();
--> statement-breakpoint
-- The stores of the purchases already there.
UPDATE member_facts f SET stores = s.stores
FROM (SELECT member_id, array_agg(DISTINCT store_id ORDER BY store_id) AS stores FROM purchases WHERE voided_at IS NULL GROUP BY member_id) s
WHERE s.member_id = f.member_id;
--> statement-breakpoint
ANALYZE member_facts;
