// Package sources holds bgcheck's register connectors and the resilience
// layer they share. A connector fetches what a register knows about a
// subject — CVR roles, CPR name and address, income and pension history —
// and returns it in the types of package rules, so an analysis can pass it
// straight into rules.Evaluate.
//
// What a private company can reach is narrow (STACK.md, "The Danish
// registers, as they really are"), and the sub-packages say so:
//
//   - cvr is a real HTTP client for the Business Authority's
//     system-to-system distribution service. The feed has no CPR numbers,
//     so a person's roles are found by name and address and every match
//     carries an explained confidence.
//   - cpr is the interface to a CPR-office subscription (current name,
//     address and status of a person already identified by MitID). Only a
//     sandbox implements it: the subscription products need an agreement
//     with the CPR office that a customer brings.
//   - income parses the subject's own income-register extract and pension
//     overview, uploaded in a documented format, and defines the
//     interfaces a customer with legal direct access would implement.
//   - records holds the evidence no register gives an employer: driving
//     licence details read from the card and criminal-record outcomes.
//   - sandbox implements every connector over a fixed set of fictitious
//     people and companies (docs/sandbox.md).
//
// Every lookup goes through a Guard: a per-call timeout, retries with
// exponential backoff and jitter on temporary failures only, a circuit
// breaker, a per-case cache and an audit record through the caller's
// Auditor. Errors tell "unavailable, try again later" apart from "not
// found" and "invalid", so an analysis waits for a register that is down
// instead of losing the case.
package sources
