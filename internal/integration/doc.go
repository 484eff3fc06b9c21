// Package integration holds tests that run the real application services
// behind the real web handler on real databases: the tenancy walk over
// every route and the role matrix. It has no non-test code.
package integration
