CREATE TABLE `pos_buckets` (
	`key` text PRIMARY KEY NOT NULL,
	`level` real NOT NULL,
	`size` real NOT NULL,
	`drip_rate` real NOT NULL,
	`cost` real NOT NULL,
	`at` integer NOT NULL,
	`in_flight` real DEFAULT 0 NOT NULL,
	`in_flight_at` integer DEFAULT 0 NOT NULL,
	`paused_until` integer DEFAULT 0 NOT NULL
);
