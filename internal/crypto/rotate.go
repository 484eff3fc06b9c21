package crypto

import (
	"context"
	"errors"
	"fmt"

	"github.com/tink-crypto/tink-go/v2/tink"
)

// rotateBatch is how many key rows RotateMaster reads at a time.
const rotateBatch = 100

// Shred destroys the data key of (orgID, ownerID): everything encrypted for
// that owner becomes unreadable, and Encrypt for the owner fails from now
// on instead of silently making a new key. On SQLite the key store's WAL is
// checkpointed and truncated so no copy of the wrapped key is left in its
// files. Shred is idempotent; an error may be retried.
func (e *Envelope) Shred(ctx context.Context, orgID, ownerID string) error {
	if orgID == "" || ownerID == "" {
		return errors.New("crypto: shred needs an organisation and an owner id")
	}
	// Evict after the row is gone: the generation bump also stops a lookup
	// that read the row before the destroy from caching it again.
	defer e.cache.evict(cacheID(orgID, ownerID))
	return e.ks.destroy(ctx, orgID, ownerID)
}

// RotateMaster re-wraps every live data key that is not wrapped by the
// provider's current primary master key and returns how many it changed.
// Each row is updated on its own in a small statement that only succeeds if
// the row is unchanged, so servers keep running meanwhile: until a row is
// re-wrapped it is still unwrapped with its old master key, looked up by id.
// Rows shredded meanwhile are skipped. Once it returns without error, old
// master keys can be removed from the ring.
func (e *Envelope) RotateMaster(ctx context.Context) (rewrapped int, err error) {
	primaryID, kek, err := e.kp.Primary(ctx)
	if err != nil {
		return 0, fmt.Errorf("crypto: master key: %w", err)
	}
	afterOrg, afterOwner := "", ""
	for {
		rows, err := e.ks.stale(ctx, primaryID, afterOrg, afterOwner, rotateBatch)
		if err != nil || len(rows) == 0 {
			return rewrapped, err
		}
		for _, r := range rows {
			ok, err := e.rewrap(ctx, r, primaryID, kek)
			if err != nil {
				return rewrapped, err
			}
			if ok {
				rewrapped++
			}
		}
		last := rows[len(rows)-1]
		afterOrg, afterOwner = last.orgID, last.ownerID
	}
}

func (e *Envelope) rewrap(ctx context.Context, r *keyRow, primaryID string, kek tink.AEAD) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	sets, err := e.unwrap(ctx, r)
	if err != nil {
		return false, err
	}
	wrapped, err := sets.wrap(kek, r.orgID, r.ownerID)
	if err != nil {
		return false, err
	}
	return e.ks.swap(ctx, r, primaryID, wrapped)
}
