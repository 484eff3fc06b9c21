// Package webhook holds the pure building blocks of outgoing webhooks: the
// event envelope and its payload rules, the HMAC signature an HR system
// verifies, the retry schedule, the guard that keeps deliveries away from
// loopback and private networks, and a single delivery attempt.
//
// It stores nothing and queues nothing: the caller records events in the
// same transaction as the change they describe, runs deliveries from the
// durable job queue and keeps the delivery log. docs/webhooks.md is the
// contract with receivers; the tests verify deliveries with a verifier
// written from that document alone.
package webhook
