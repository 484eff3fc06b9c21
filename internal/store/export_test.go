package store

// ExecForBenchmark runs a raw statement; benchmarks use it to shape seeded
// data (e.g. spread creation times) without an API for it.
func (tx *Tx) ExecForBenchmark(q string, args ...any) error {
	_, err := tx.exec(q, args...)
	return err
}
