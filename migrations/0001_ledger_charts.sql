CREATE TABLE `ledger_charts` (
	`account_id` text PRIMARY KEY NOT NULL,
	`ledger` text NOT NULL,
	`body` text NOT NULL,
	`fetched_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
