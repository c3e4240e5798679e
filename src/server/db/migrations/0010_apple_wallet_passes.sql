CREATE TABLE "apple_wallet_passes" (
	"serial_number" text PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"authentication_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	CONSTRAINT "apple_wallet_passes_member_id_unique" UNIQUE("member_id"),
	CONSTRAINT "apple_wallet_passes_token_length" CHECK (length("apple_wallet_passes"."authentication_token") >= 16)
);
--> statement-breakpoint
CREATE TABLE "apple_wallet_registrations" (
	"device_library_identifier" text NOT NULL,
	"serial_number" text NOT NULL,
	"push_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "apple_wallet_registrations_device_library_identifier_serial_number_pk" PRIMARY KEY("device_library_identifier","serial_number")
);
--> statement-breakpoint
ALTER TABLE "apple_wallet_passes" ADD CONSTRAINT "apple_wallet_passes_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apple_wallet_registrations" ADD CONSTRAINT "apple_wallet_registrations_serial_number_apple_wallet_passes_serial_number_fk" FOREIGN KEY ("serial_number") REFERENCES "public"."apple_wallet_passes"("serial_number") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "apple_wallet_registrations_serial" ON "apple_wallet_registrations" USING btree ("serial_number");