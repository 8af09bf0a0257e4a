ALTER TABLE `job_entries` ADD `lease_id` text;--> statement-breakpoint
ALTER TABLE `job_entries` ADD `lease_until` integer;--> statement-breakpoint
ALTER TABLE `jobs` ADD `notified_at` integer;