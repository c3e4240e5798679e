ALTER TABLE "members" ADD COLUMN "is_friend" boolean;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "is_linked" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "has_profile" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "marketing_consent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- hand-written: members.is_friend, is_linked, has_profile and marketing_consent, copies of
-- line_friends, member_links and member_profiles kept by the triggers below in the writing
-- transaction, so a segment count is one pass over members without a join
-- (src/server/members/segment-flags.ts).
--
-- A LINE user's friend status and their card can be written at the same moment (the follow
-- webhook and the registration): each side takes a transaction-scoped advisory lock on the user
-- (one of 1,024 buckets, so a bulk insert holds at most 1,024 locks) before reading the other
-- side, and reads it in a new snapshot once it holds the lock, so the later one sees the earlier.
CREATE OR REPLACE FUNCTION segment_friend_lock(p_line_user_id text) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(15015, hashtext(p_line_user_id) & 1023)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION members_segment_friend_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.line_user_id IS NULL THEN
    NEW.is_friend := NULL;
  ELSIF TG_OP = 'INSERT' OR NEW.line_user_id IS DISTINCT FROM OLD.line_user_id THEN
    PERFORM segment_friend_lock(NEW.line_user_id);
    NEW.is_friend := (SELECT is_friend FROM line_friends WHERE line_user_id = NEW.line_user_id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER members_segment_friend BEFORE INSERT OR UPDATE OF line_user_id ON members FOR EACH ROW EXECUTE FUNCTION members_segment_friend_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION line_friends_segment_friend_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.line_user_id <> OLD.line_user_id) THEN
    PERFORM segment_friend_lock(OLD.line_user_id);
    UPDATE members SET is_friend = NULL WHERE line_user_id = OLD.line_user_id AND is_friend IS NOT NULL;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM segment_friend_lock(NEW.line_user_id);
    UPDATE members SET is_friend = NEW.is_friend WHERE line_user_id = NEW.line_user_id AND is_friend IS DISTINCT FROM NEW.is_friend;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER line_friends_segment_friend AFTER INSERT OR DELETE OR UPDATE OF line_user_id, is_friend ON line_friends FOR EACH ROW EXECUTE FUNCTION line_friends_segment_friend_trigger();
--> statement-breakpoint
-- At most one active link per member (member_links_active_member), and a second writer of a
-- member's links waits on that unique index or on the member's row: the recount sees every link
-- committed before it.
CREATE OR REPLACE FUNCTION member_links_segment_linked_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE members m SET is_linked = EXISTS (SELECT 1 FROM member_links l WHERE l.member_id = m.id AND l.unlinked_at IS NULL) WHERE m.id = OLD.member_id;
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.member_id <> OLD.member_id) THEN
    UPDATE members m SET is_linked = EXISTS (SELECT 1 FROM member_links l WHERE l.member_id = m.id AND l.unlinked_at IS NULL) WHERE m.id = NEW.member_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER member_links_segment_linked AFTER INSERT OR DELETE OR UPDATE OF member_id, unlinked_at ON member_links FOR EACH ROW EXECUTE FUNCTION member_links_segment_linked_trigger();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION member_profiles_segment_profile_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.member_id <> OLD.member_id) THEN
    UPDATE members SET has_profile = false, marketing_consent = false WHERE id = OLD.member_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE members SET has_profile = true, marketing_consent = NEW.marketing_consent
    WHERE id = NEW.member_id AND (has_profile, marketing_consent) IS DISTINCT FROM (true, NEW.marketing_consent);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER member_profiles_segment_profile AFTER INSERT OR DELETE OR UPDATE OF member_id, marketing_consent ON member_profiles FOR EACH ROW EXECUTE FUNCTION member_profiles_segment_profile_trigger();
--> statement-breakpoint
-- Every member's flags again from the three tables (this migration's backfill, `npm run
-- dashboard:rebuild`, the demo generator with triggers off); returns the rows it changed. The
-- SHARE locks hold the three tables still meanwhile (readers go on; their writers wait).
CREATE OR REPLACE FUNCTION rebuild_segment_flags() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE changed integer;
BEGIN
  LOCK TABLE line_friends, member_links, member_profiles IN SHARE MODE;
  UPDATE members m SET is_friend = s.is_friend, is_linked = s.is_linked, has_profile = s.has_profile, marketing_consent = s.marketing_consent
  FROM (SELECT m2.id, f.is_friend, (l.member_id IS NOT NULL) AS is_linked, (p.member_id IS NOT NULL) AS has_profile, coalesce(p.marketing_consent, false) AS marketing_consent
        FROM members m2
        LEFT JOIN line_friends f ON f.line_user_id = m2.line_user_id
        LEFT JOIN member_links l ON l.member_id = m2.id AND l.unlinked_at IS NULL
        LEFT JOIN member_profiles p ON p.member_id = m2.id) s
  WHERE s.id = m.id
    AND (m.is_friend, m.is_linked, m.has_profile, m.marketing_consent) IS DISTINCT FROM (s.is_friend, s.is_linked, s.has_profile, s.marketing_consent);
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;
--> statement-breakpoint
SELECT rebuild_segment_flags();
--> statement-breakpoint
ANALYZE members;
