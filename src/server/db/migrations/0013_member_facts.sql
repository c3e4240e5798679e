CREATE TABLE "member_facts" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"spend_from" timestamp with time zone NOT NULL,
	"spend_yen" bigint NOT NULL,
	"oldest_counted_at" timestamp with time zone,
	"last_purchase_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "member_facts" ADD CONSTRAINT "member_facts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_facts_last_purchase" ON "member_facts" USING btree ("last_purchase_at");--> statement-breakpoint
CREATE INDEX "member_facts_oldest_counted" ON "member_facts" USING btree ("oldest_counted_at");--> statement-breakpoint
-- hand-written: member_facts kept by a trigger on purchases (#17), in the purchase's own transaction.
-- A new purchase is one upsert that adds to the member's row; a void (or any other change of a
-- counted field, or a delete) recounts that member from purchases with the row's own spend_from.
-- Neither needs the programme's tier window: only the daily refresh and the rebuild (member-facts.ts) move spend_from.
CREATE FUNCTION member_facts_recount(p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- The row's lock first: the recount below (a new snapshot) then sees every purchase committed before it.
  PERFORM 1 FROM member_facts WHERE member_id = p_member FOR UPDATE;
  INSERT INTO member_facts AS f (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at)
  SELECT p_member, s.spend_from, coalesce(sum(pu.amount_yen) FILTER (WHERE pu.purchased_at >= s.spend_from), 0),
    min(pu.purchased_at) FILTER (WHERE pu.purchased_at >= s.spend_from), max(pu.purchased_at)
  FROM (SELECT coalesce((SELECT spend_from FROM member_facts WHERE member_id = p_member), '-infinity'::timestamptz) AS spend_from) s
  LEFT JOIN purchases pu ON pu.member_id = p_member AND pu.voided_at IS NULL
  GROUP BY s.spend_from
  ON CONFLICT (member_id) DO UPDATE SET spend_yen = excluded.spend_yen, oldest_counted_at = excluded.oldest_counted_at, last_purchase_at = excluded.last_purchase_at;
END $$;
--> statement-breakpoint
CREATE FUNCTION member_facts_purchases_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.voided_at IS NULL THEN
      INSERT INTO member_facts AS f (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at)
      VALUES (NEW.member_id, '-infinity', NEW.amount_yen, NEW.purchased_at, NEW.purchased_at)
      ON CONFLICT (member_id) DO UPDATE SET
        spend_yen = f.spend_yen + CASE WHEN NEW.purchased_at >= f.spend_from THEN NEW.amount_yen ELSE 0 END,
        oldest_counted_at = CASE WHEN NEW.purchased_at >= f.spend_from THEN least(f.oldest_counted_at, NEW.purchased_at) ELSE f.oldest_counted_at END,
        last_purchase_at = greatest(f.last_purchase_at, NEW.purchased_at);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.member_id = NEW.member_id AND OLD.amount_yen = NEW.amount_yen AND OLD.purchased_at = NEW.purchased_at
    AND (OLD.voided_at IS NULL) = (NEW.voided_at IS NULL) THEN RETURN NULL; END IF;
  PERFORM member_facts_recount(OLD.member_id);
  IF TG_OP = 'UPDATE' AND NEW.member_id <> OLD.member_id THEN PERFORM member_facts_recount(NEW.member_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER member_facts_purchases AFTER INSERT OR DELETE OR UPDATE OF member_id, amount_yen, purchased_at, voided_at ON purchases FOR EACH ROW EXECUTE FUNCTION member_facts_purchases_trigger();
--> statement-breakpoint
-- A member's spend over [p_from, p_to] from purchases (the tier rule), for the segment filters' few
-- members whose facts do not hold at their now. A function (not inlined) whose declared cost is one
-- index probe's: the planner then plans the filter by the facts' column statistics and does not
-- count a probe for every member (which made it JIT-compile and pick nested loops).
CREATE FUNCTION member_window_spend(p_member uuid, p_from timestamptz, p_to timestamptz) RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE COST 10 AS $$
  SELECT coalesce(sum(amount_yen), 0)::bigint FROM purchases WHERE member_id = p_member AND voided_at IS NULL AND purchased_at >= p_from AND purchased_at <= p_to
$$;
--> statement-breakpoint
-- Purchases already there: counted from -infinity (exact at once, but recounted per query for members
-- whose purchases have left the window until the first daily refresh or `npm run dashboard:rebuild` moves spend_from).
INSERT INTO member_facts (member_id, spend_from, spend_yen, oldest_counted_at, last_purchase_at)
  SELECT member_id, '-infinity', sum(amount_yen), min(purchased_at), max(purchased_at) FROM purchases WHERE voided_at IS NULL GROUP BY member_id;
--> statement-breakpoint
ANALYZE member_facts;
