CREATE TABLE `sandbox_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`from` text NOT NULL,
	`to` text NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`idempotency_key` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_emails_idempotency_key` ON `sandbox_emails` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `sandbox_emails_received` ON `sandbox_emails` (`received_at`);