CREATE TABLE "campaign_grants" (
	"campaign_id" uuid NOT NULL,
	"crm_member_id" text NOT NULL,
	"member_id" uuid,
	"points" integer NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_grants_campaign_id_crm_member_id_pk" PRIMARY KEY("campaign_id","crm_member_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"bonus_points" integer NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "campaigns_kind" CHECK ("campaigns"."kind" IN ('link_bonus')),
	CONSTRAINT "campaigns_bonus_positive" CHECK ("campaigns"."bonus_points" > 0),
	CONSTRAINT "campaigns_window" CHECK ("campaigns"."starts_on" <= "campaigns"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "dashboard_coupon_days" (
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"shard" smallint NOT NULL,
	"issued" integer DEFAULT 0 NOT NULL,
	"redeemed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_coupon_days_day_kind_shard_pk" PRIMARY KEY("day","kind","shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_days" (
	"day" date NOT NULL,
	"shard" smallint NOT NULL,
	"members_created" integer DEFAULT 0 NOT NULL,
	"profiles_completed" integer DEFAULT 0 NOT NULL,
	"links" integer DEFAULT 0 NOT NULL,
	"linked_delta" integer DEFAULT 0 NOT NULL,
	"incentives_granted" integer DEFAULT 0 NOT NULL,
	"follows" integer DEFAULT 0 NOT NULL,
	"unfollows" integer DEFAULT 0 NOT NULL,
	"friends_delta" integer DEFAULT 0 NOT NULL,
	"top_tier_delta" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_days_day_shard_pk" PRIMARY KEY("day","shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_friend_changes" (
	"line_user_id" text NOT NULL,
	"day" date NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_points_expiry" (
	"hour" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"points" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_points_expiry_hour_shard_pk" PRIMARY KEY("hour","shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_reachable" (
	"shard" smallint NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"reachable" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_reachable_shard_pk" PRIMARY KEY("shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_rollup_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"top_tier_min_spend_yen" integer NOT NULL,
	"tier_window_months" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_store_days" (
	"day" date NOT NULL,
	"store_id" text NOT NULL,
	"shard" smallint NOT NULL,
	"purchases" integer DEFAULT 0 NOT NULL,
	"spend_yen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_store_days_day_store_id_shard_pk" PRIMARY KEY("day","store_id","shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_store_member_days" (
	"store_id" text NOT NULL,
	"member_id" uuid NOT NULL,
	"day" date NOT NULL,
	"previous_day" date NOT NULL,
	CONSTRAINT "dashboard_store_member_days_store_id_member_id_day_pk" PRIMARY KEY("store_id","member_id","day")
);
--> statement-breakpoint
CREATE TABLE "dashboard_store_shoppers" (
	"day" date NOT NULL,
	"store_id" text NOT NULL,
	"previous_day" date NOT NULL,
	"shard" smallint NOT NULL,
	"shoppers" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dashboard_store_shoppers_day_store_id_previous_day_shard_pk" PRIMARY KEY("day","store_id","previous_day","shard")
);
--> statement-breakpoint
CREATE TABLE "dashboard_top_tier_changes" (
	"member_id" uuid NOT NULL,
	"day" date NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_grants" ADD CONSTRAINT "campaign_grants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_grants" ADD CONSTRAINT "campaign_grants_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_staff_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."staff_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaigns_kind_start" ON "campaigns" USING btree ("kind","starts_on");--> statement-breakpoint
CREATE INDEX "dashboard_friend_changes_user" ON "dashboard_friend_changes" USING btree ("line_user_id");--> statement-breakpoint
CREATE INDEX "dashboard_top_tier_changes_member" ON "dashboard_top_tier_changes" USING btree ("member_id");--> statement-breakpoint
-- hand-written: the dashboard rollups' triggers (#17). They keep dashboard_* in the event's own
-- transaction; they do nothing until dashboard_rollup_state has its row (the first rebuild). The
-- views give each entity's timeline (a LINE user's friend status, a member's shopping days per store,
-- a member's top-tier status): the triggers apply what changed for one entity, the rebuild takes all.
CREATE FUNCTION dashboard_jst_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (at AT TIME ZONE 'Asia/Tokyo')::date $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_shard(key text) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashtext(key) & 7)::smallint $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_event_shard(id bigint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (id & 7)::smallint $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_rollups_on() RETURNS boolean LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM dashboard_rollup_state) $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_add_day(p_day date, p_shard smallint, p_members int DEFAULT 0, p_profiles int DEFAULT 0, p_links int DEFAULT 0, p_linked int DEFAULT 0,
  p_incentives int DEFAULT 0, p_follows int DEFAULT 0, p_unfollows int DEFAULT 0, p_friends int DEFAULT 0, p_top_tier int DEFAULT 0) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_days AS d (day, shard, members_created, profiles_completed, links, linked_delta, incentives_granted, follows, unfollows, friends_delta, top_tier_delta)
  VALUES (p_day, p_shard, p_members, p_profiles, p_links, p_linked, p_incentives, p_follows, p_unfollows, p_friends, p_top_tier)
  ON CONFLICT (day, shard) DO UPDATE SET
    members_created = d.members_created + excluded.members_created, profiles_completed = d.profiles_completed + excluded.profiles_completed,
    links = d.links + excluded.links, linked_delta = d.linked_delta + excluded.linked_delta, incentives_granted = d.incentives_granted + excluded.incentives_granted,
    follows = d.follows + excluded.follows, unfollows = d.unfollows + excluded.unfollows, friends_delta = d.friends_delta + excluded.friends_delta,
    top_tier_delta = d.top_tier_delta + excluded.top_tier_delta
$$;
--> statement-breakpoint
CREATE VIEW dashboard_friend_timeline AS
  SELECT line_user_id, day, sum(delta)::int AS delta FROM (
    SELECT line_user_id, dashboard_jst_day(occurred_at) AS day,
      (kind = 'follow')::int - coalesce(lag((kind = 'follow')::int) OVER (PARTITION BY line_user_id ORDER BY occurred_at, id), 0) AS delta
    FROM line_friend_events) e
  GROUP BY line_user_id, day HAVING sum(delta) <> 0;
--> statement-breakpoint
CREATE VIEW dashboard_store_member_timeline AS
  SELECT store_id, member_id, day, CASE WHEN previous IS NULL OR previous < day - 730 THEN DATE '0001-01-01' ELSE previous END AS previous_day
  FROM (SELECT store_id, member_id, day, lag(day) OVER (PARTITION BY store_id, member_id ORDER BY day) AS previous
    FROM (SELECT DISTINCT store_id, member_id, dashboard_jst_day(purchased_at) AS day FROM purchases WHERE voided_at IS NULL) d) t;
--> statement-breakpoint
CREATE VIEW dashboard_top_tier_timeline AS
  SELECT member_id, day, delta FROM (
    SELECT member_id, day, qualified - coalesce(lag(qualified) OVER (PARTITION BY member_id ORDER BY day), 0) AS delta FROM (
      SELECT member_id, day, (sum(sum(amount)) OVER (PARTITION BY member_id ORDER BY day) >= min(threshold))::int AS qualified
      FROM (
        SELECT p.member_id, v.day, v.amount, s.top_tier_min_spend_yen AS threshold
        FROM purchases p
        CROSS JOIN dashboard_rollup_state s
        CROSS JOIN LATERAL (SELECT dashboard_jst_day(p.purchased_at) AS first_day,
            least((dashboard_jst_day(p.purchased_at) + make_interval(months => s.tier_window_months))::date + 1, dashboard_jst_day(p.voided_at)) AS end_day) x
        CROSS JOIN LATERAL (VALUES (x.first_day, p.amount_yen), (x.end_day, -p.amount_yen)) v(day, amount)
        WHERE x.end_day > x.first_day
      ) events
      GROUP BY member_id, day
    ) status
  ) changes WHERE delta <> 0;
--> statement-breakpoint
CREATE FUNCTION dashboard_refresh_friends(p_user text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT coalesce(n.day, o.day) AS day, coalesce(n.delta, 0) - coalesce(o.delta, 0) AS change, n.delta AS new_delta, o.delta AS old_delta
    FROM (SELECT day, delta FROM dashboard_friend_timeline WHERE line_user_id = p_user) n
    FULL JOIN (SELECT day, delta FROM dashboard_friend_changes WHERE line_user_id = p_user) o ON o.day = n.day
    WHERE n.delta IS DISTINCT FROM o.delta
  LOOP
    IF r.old_delta IS NOT NULL THEN DELETE FROM dashboard_friend_changes WHERE line_user_id = p_user AND day = r.day; END IF;
    IF r.new_delta IS NOT NULL THEN INSERT INTO dashboard_friend_changes (line_user_id, day, delta) VALUES (p_user, r.day, r.new_delta); END IF;
    PERFORM dashboard_add_day(r.day, dashboard_shard(p_user), p_friends => r.change);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_refresh_top_tier(p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT coalesce(n.day, o.day) AS day, coalesce(n.delta, 0) - coalesce(o.delta, 0) AS change, n.delta AS new_delta, o.delta AS old_delta
    FROM (SELECT day, delta FROM dashboard_top_tier_timeline WHERE member_id = p_member) n
    FULL JOIN (SELECT day, delta FROM dashboard_top_tier_changes WHERE member_id = p_member) o ON o.day = n.day
    WHERE n.delta IS DISTINCT FROM o.delta
  LOOP
    IF r.old_delta IS NOT NULL THEN DELETE FROM dashboard_top_tier_changes WHERE member_id = p_member AND day = r.day; END IF;
    IF r.new_delta IS NOT NULL THEN INSERT INTO dashboard_top_tier_changes (member_id, day, delta) VALUES (p_member, r.day, r.new_delta); END IF;
    PERFORM dashboard_add_day(r.day, dashboard_shard(p_member::text), p_top_tier => r.change);
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_shopper_shard(p_member uuid, p_previous date) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
  -- First-time (and long-absent) shoppers share one row per store and day: spread them; other rows are spread by their previous day.
  SELECT CASE WHEN p_previous = DATE '0001-01-01' THEN dashboard_shard(p_member::text) ELSE 0::smallint END
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_refresh_store_member(p_store text, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT coalesce(n.day, o.day) AS day, coalesce(n.previous_day, o.previous_day) AS previous_day, CASE WHEN n.day IS NULL THEN -1 ELSE 1 END AS change
    FROM (SELECT day, previous_day FROM dashboard_store_member_timeline WHERE store_id = p_store AND member_id = p_member) n
    FULL JOIN (SELECT day, previous_day FROM dashboard_store_member_days WHERE store_id = p_store AND member_id = p_member) o
      ON o.day = n.day AND o.previous_day = n.previous_day
    WHERE n.day IS NULL OR o.day IS NULL
    ORDER BY 3
  LOOP
    IF r.change < 0 THEN
      DELETE FROM dashboard_store_member_days WHERE store_id = p_store AND member_id = p_member AND day = r.day;
    ELSE
      INSERT INTO dashboard_store_member_days (store_id, member_id, day, previous_day) VALUES (p_store, p_member, r.day, r.previous_day);
    END IF;
    INSERT INTO dashboard_store_shoppers AS s (day, store_id, previous_day, shard, shoppers)
    VALUES (r.day, p_store, r.previous_day, dashboard_shopper_shard(p_member, r.previous_day), r.change)
    ON CONFLICT (day, store_id, previous_day, shard) DO UPDATE SET shoppers = s.shoppers + excluded.shoppers;
  END LOOP;
END $$;
--> statement-breakpoint
CREATE FUNCTION dashboard_members_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM dashboard_add_day(dashboard_jst_day(OLD.created_at), dashboard_shard(OLD.id::text), p_members => -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM dashboard_add_day(dashboard_jst_day(NEW.created_at), dashboard_shard(NEW.id::text), p_members => 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_members AFTER INSERT OR DELETE OR UPDATE OF created_at ON members FOR EACH ROW EXECUTE FUNCTION dashboard_members_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_profiles_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.completed_at = NEW.completed_at THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM dashboard_add_day(dashboard_jst_day(OLD.completed_at), dashboard_shard(OLD.member_id::text), p_profiles => -1); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM dashboard_add_day(dashboard_jst_day(NEW.completed_at), dashboard_shard(NEW.member_id::text), p_profiles => 1); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_profiles AFTER INSERT OR DELETE OR UPDATE OF completed_at ON member_profiles FOR EACH ROW EXECUTE FUNCTION dashboard_profiles_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_links_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(OLD.linked_at), dashboard_shard(OLD.id::text), p_links => -1, p_linked => -1);
    IF OLD.unlinked_at IS NOT NULL THEN PERFORM dashboard_add_day(dashboard_jst_day(OLD.unlinked_at), dashboard_shard(OLD.id::text), p_linked => 1); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(NEW.linked_at), dashboard_shard(NEW.id::text), p_links => 1, p_linked => 1);
    IF NEW.unlinked_at IS NOT NULL THEN PERFORM dashboard_add_day(dashboard_jst_day(NEW.unlinked_at), dashboard_shard(NEW.id::text), p_linked => -1); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_links AFTER INSERT OR DELETE OR UPDATE OF linked_at, unlinked_at ON member_links FOR EACH ROW EXECUTE FUNCTION dashboard_links_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_benefits_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.kind = 'link_incentive' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(OLD.granted_at), dashboard_shard(OLD.crm_member_id), p_incentives => -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.kind = 'link_incentive' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(NEW.granted_at), dashboard_shard(NEW.crm_member_id), p_incentives => 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_benefits AFTER INSERT OR DELETE OR UPDATE OF kind, granted_at ON crm_member_benefits FOR EACH ROW EXECUTE FUNCTION dashboard_benefits_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_friend_events_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(OLD.occurred_at), dashboard_shard(OLD.id::text),
      p_follows => -(OLD.kind = 'follow')::int, p_unfollows => -(OLD.kind = 'unfollow')::int);
    PERFORM dashboard_refresh_friends(OLD.line_user_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_add_day(dashboard_jst_day(NEW.occurred_at), dashboard_shard(NEW.id::text),
      p_follows => (NEW.kind = 'follow')::int, p_unfollows => (NEW.kind = 'unfollow')::int);
    IF TG_OP = 'INSERT' OR NEW.line_user_id <> OLD.line_user_id THEN
      PERFORM dashboard_refresh_friends(NEW.line_user_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_friend_events AFTER INSERT OR DELETE OR UPDATE OF line_user_id, kind, occurred_at ON line_friend_events FOR EACH ROW EXECUTE FUNCTION dashboard_friend_events_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_add_coupon(p_day date, p_kind text, p_shard smallint, p_issued int, p_redeemed int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_coupon_days AS c (day, kind, shard, issued, redeemed) VALUES (p_day, p_kind, p_shard, p_issued, p_redeemed)
  ON CONFLICT (day, kind, shard) DO UPDATE SET issued = c.issued + excluded.issued, redeemed = c.redeemed + excluded.redeemed
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_coupons_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.kind = NEW.kind AND OLD.issued_at = NEW.issued_at AND OLD.used_at IS NOT DISTINCT FROM NEW.used_at THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_add_coupon(dashboard_jst_day(OLD.issued_at), OLD.kind, dashboard_shard(OLD.id::text), -1, 0);
    IF OLD.used_at IS NOT NULL THEN PERFORM dashboard_add_coupon(dashboard_jst_day(OLD.used_at), OLD.kind, dashboard_shard(OLD.id::text), 0, -1); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_add_coupon(dashboard_jst_day(NEW.issued_at), NEW.kind, dashboard_shard(NEW.id::text), 1, 0);
    IF NEW.used_at IS NOT NULL THEN PERFORM dashboard_add_coupon(dashboard_jst_day(NEW.used_at), NEW.kind, dashboard_shard(NEW.id::text), 0, 1); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_coupons AFTER INSERT OR DELETE OR UPDATE OF kind, issued_at, used_at ON coupons FOR EACH ROW EXECUTE FUNCTION dashboard_coupons_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_add_points(p_expires_at timestamptz, p_shard smallint, p_points int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_points_expiry AS e (hour, shard, points) VALUES (date_trunc('hour', p_expires_at, 'UTC'), p_shard, p_points)
  ON CONFLICT (hour, shard) DO UPDATE SET points = e.points + excluded.points
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_lots_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.remaining = NEW.remaining AND OLD.expires_at = NEW.expires_at AND (OLD.reversed_at IS NULL) = (NEW.reversed_at IS NULL) THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.reversed_at IS NULL AND OLD.remaining > 0 THEN
    PERFORM dashboard_add_points(OLD.expires_at, dashboard_shard(OLD.member_id::text || OLD.id), -OLD.remaining);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.reversed_at IS NULL AND NEW.remaining > 0 THEN
    PERFORM dashboard_add_points(NEW.expires_at, dashboard_shard(NEW.member_id::text || NEW.id), NEW.remaining);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_lots AFTER INSERT OR DELETE OR UPDATE OF remaining, expires_at, reversed_at ON point_lots FOR EACH ROW EXECUTE FUNCTION dashboard_lots_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_add_store_day(p_day date, p_store text, p_shard smallint, p_purchases int, p_spend bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_store_days AS s (day, store_id, shard, purchases, spend_yen) VALUES (p_day, p_store, p_shard, p_purchases, p_spend)
  ON CONFLICT (day, store_id, shard) DO UPDATE SET purchases = s.purchases + excluded.purchases, spend_yen = s.spend_yen + excluded.spend_yen
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_purchases_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.member_id = NEW.member_id AND OLD.store_id = NEW.store_id AND OLD.amount_yen = NEW.amount_yen
    AND OLD.purchased_at = NEW.purchased_at AND OLD.voided_at IS NOT DISTINCT FROM NEW.voided_at THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN
    IF OLD.voided_at IS NULL THEN PERFORM dashboard_add_store_day(dashboard_jst_day(OLD.purchased_at), OLD.store_id, dashboard_event_shard(OLD.id), -1, -OLD.amount_yen); END IF;
    PERFORM dashboard_refresh_store_member(OLD.store_id, OLD.member_id);
    PERFORM dashboard_refresh_top_tier(OLD.member_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.voided_at IS NULL THEN PERFORM dashboard_add_store_day(dashboard_jst_day(NEW.purchased_at), NEW.store_id, dashboard_event_shard(NEW.id), 1, NEW.amount_yen); END IF;
    IF TG_OP = 'INSERT' OR NEW.store_id <> OLD.store_id OR NEW.member_id <> OLD.member_id THEN PERFORM dashboard_refresh_store_member(NEW.store_id, NEW.member_id); END IF;
    IF TG_OP = 'INSERT' OR NEW.member_id <> OLD.member_id THEN PERFORM dashboard_refresh_top_tier(NEW.member_id); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_purchases AFTER INSERT OR DELETE OR UPDATE OF member_id, store_id, amount_yen, purchased_at, voided_at ON purchases FOR EACH ROW EXECUTE FUNCTION dashboard_purchases_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_add_reachable(p_shard smallint, p_members int, p_reachable int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO dashboard_reachable AS r (shard, members, reachable) VALUES (p_shard, p_members, p_reachable)
  ON CONFLICT (shard) DO UPDATE SET members = r.members + excluded.members, reachable = r.reachable + excluded.reachable
$$;
--> statement-breakpoint
CREATE FUNCTION dashboard_member_reach_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.line_user_id IS NOT DISTINCT FROM NEW.line_user_id THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.line_user_id IS NOT NULL THEN
    PERFORM dashboard_add_reachable(dashboard_shard(OLD.id::text), -1,
      -(EXISTS (SELECT 1 FROM line_friends WHERE line_user_id = OLD.line_user_id AND is_friend))::int);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.line_user_id IS NOT NULL THEN
    PERFORM dashboard_add_reachable(dashboard_shard(NEW.id::text), 1,
      (EXISTS (SELECT 1 FROM line_friends WHERE line_user_id = NEW.line_user_id AND is_friend))::int);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_member_reach AFTER INSERT OR DELETE OR UPDATE OF line_user_id ON members FOR EACH ROW EXECUTE FUNCTION dashboard_member_reach_trigger();
--> statement-breakpoint
CREATE FUNCTION dashboard_friends_reach_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT dashboard_rollups_on() THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND OLD.line_user_id = NEW.line_user_id AND OLD.is_friend = NEW.is_friend THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' AND OLD.is_friend AND EXISTS (SELECT 1 FROM members WHERE line_user_id = OLD.line_user_id) THEN
    PERFORM dashboard_add_reachable(dashboard_shard(OLD.line_user_id), 0, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.is_friend AND EXISTS (SELECT 1 FROM members WHERE line_user_id = NEW.line_user_id) THEN
    PERFORM dashboard_add_reachable(dashboard_shard(NEW.line_user_id), 0, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dashboard_friends_reach AFTER INSERT OR DELETE OR UPDATE OF line_user_id, is_friend ON line_friends FOR EACH ROW EXECUTE FUNCTION dashboard_friends_reach_trigger();
