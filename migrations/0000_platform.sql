CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`pos_account_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'installed' NOT NULL,
	`locale` text DEFAULT 'en-CA' NOT NULL,
	`sync_start_date` text NOT NULL,
	`posting_delay_minutes` integer DEFAULT 30 NOT NULL,
	`nightly_cutoff` text DEFAULT '04:00' NOT NULL,
	`installed_at` integer NOT NULL,
	`uninstalled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_pos_account_id_unique` ON `accounts` (`pos_account_id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`access_token_enc` text,
	`refresh_token_enc` text,
	`expires_at` integer,
	`scopes` text DEFAULT '' NOT NULL,
	`external_id` text,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_account_kind` ON `connections` (`account_id`,`kind`);--> statement-breakpoint
CREATE TABLE `dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer NOT NULL,
	`error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`store_day_id` text NOT NULL,
	`kind` text NOT NULL,
	`fingerprint` text NOT NULL,
	`body` text NOT NULL,
	`ledger` text,
	`ledger_id` text,
	`ledger_sync_token` text,
	`idempotency_key` text,
	`posted_fingerprint` text,
	`posted_at` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`store_day_id`) REFERENCES `store_days`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_idempotency_key_unique` ON `documents` (`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `documents_day_kind` ON `documents` (`store_day_id`,`kind`);--> statement-breakpoint
CREATE TABLE `execution_logs` (
	`execution_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`data` text,
	PRIMARY KEY(`execution_id`, `seq`),
	FOREIGN KEY (`execution_id`) REFERENCES `executions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `executions` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`store_id` text,
	`sales_date` text,
	`job_id` text,
	`action` text NOT NULL,
	`trigger` text NOT NULL,
	`actor` text,
	`status` text NOT NULL,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `executions_account_started` ON `executions` (`account_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `executions_store_date` ON `executions` (`store_id`,`sales_date`,`started_at`);--> statement-breakpoint
CREATE TABLE `job_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`job_id` text NOT NULL,
	`account_id` text NOT NULL,
	`store_id` text NOT NULL,
	`sales_date` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`error_type` text,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_entries_job_store_date` ON `job_entries` (`job_id`,`store_id`,`sales_date`);--> statement-breakpoint
CREATE INDEX `job_entries_job_status` ON `job_entries` (`job_id`,`status`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`sources` text NOT NULL,
	`status` text NOT NULL,
	`params` text,
	`notify_email` text,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `jobs_account_status` ON `jobs` (`account_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `mappings` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`body` text NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`activated_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mappings_account_version` ON `mappings` (`account_id`,`version`);--> statement-breakpoint
CREATE INDEX `mappings_account_status` ON `mappings` (`account_id`,`status`);--> statement-breakpoint
CREATE TABLE `queue_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`body` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`visible_at` integer NOT NULL,
	`lease_id` text,
	`dead` integer DEFAULT false NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `queue_messages_ready` ON `queue_messages` (`queue`,`dead`,`visible_at`);--> statement-breakpoint
CREATE TABLE `sandbox_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`store_id` text NOT NULL,
	`sales_date` text NOT NULL,
	`sources` text NOT NULL,
	`body` text NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `snapshots_store_date` ON `snapshots` (`store_id`,`sales_date`,`fetched_at`);--> statement-breakpoint
CREATE TABLE `store_days` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`store_id` text NOT NULL,
	`sales_date` text NOT NULL,
	`status` text DEFAULT 'missing' NOT NULL,
	`net_sales` text,
	`totals` text,
	`fingerprints` text,
	`problems` text,
	`snapshot_id` text,
	`mapping_version` integer,
	`due_at` integer,
	`last_error` text,
	`reload_pending_since` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `store_days_store_date` ON `store_days` (`store_id`,`sales_date`);--> statement-breakpoint
CREATE INDEX `store_days_account_date` ON `store_days` (`account_id`,`sales_date`,`status`);--> statement-breakpoint
CREATE INDEX `store_days_account_status` ON `store_days` (`account_id`,`status`,`sales_date`);--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`pos_shop_id` text NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`currency` text NOT NULL,
	`accounting_class` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_account_shop` ON `stores` (`account_id`,`pos_shop_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`pos_user_id` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`email` text,
	`role` text NOT NULL,
	`locale` text DEFAULT 'en-CA' NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_account_pos_user` ON `users` (`account_id`,`pos_user_id`);--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`pos_account_id` text NOT NULL,
	`topic` text NOT NULL,
	`received_at` integer NOT NULL
);
