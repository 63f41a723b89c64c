CREATE INDEX `delegation_receivers_organization_idx` ON `delegation_receivers` (`organization_id`);--> statement-breakpoint
CREATE INDEX `delegation_receivers_place_idx` ON `delegation_receivers` (`place_id`);--> statement-breakpoint
CREATE INDEX `delegations_sender_idx` ON `delegations` (`sender_id`);--> statement-breakpoint
CREATE INDEX `delegations_arrival_place_idx` ON `delegations` (`arrival_place_id`);