package store

import (
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// Invitation is a pending invitation of a company user. The link token is
// known only to the invitee; the database keeps its hash.
type Invitation struct {
	ID         string
	OrgID      string
	UserID     string
	InvitedBy  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt time.Time
}

// CreateInvitation revokes the user's earlier open invitations and stores
// a new one.
func (tx *Tx) CreateInvitation(orgID, userID, invitedBy string, tokenHash []byte, ttl time.Duration) (*Invitation, error) {
	if _, err := tx.exec(`UPDATE invitations SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND accepted_at = 0 AND revoked_at = 0`, ms(tx.Now), orgID, userID); err != nil {
		return nil, err
	}
	inv := &Invitation{ID: NewID(), OrgID: orgID, UserID: userID, InvitedBy: invitedBy, CreatedAt: tx.Now, ExpiresAt: tx.Now.Add(ttl)}
	_, err := tx.exec(`INSERT INTO invitations (id, org_id, user_id, token_hash, invited_by, created_at, expires_at) VALUES (?,?,?,?,?,?,?)`,
		inv.ID, orgID, userID, tokenHash, invitedBy, ms(tx.Now), ms(inv.ExpiresAt))
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// OpenInvitation returns the open (not accepted, not revoked, not expired)
// invitation with the token hash, or a not-found error.
func (tx *Tx) OpenInvitation(tokenHash []byte) (*Invitation, error) {
	var inv Invitation
	var created, expires int64
	err := tx.queryRow(`SELECT id, org_id, user_id, invited_by, created_at, expires_at FROM invitations
		WHERE token_hash = ? AND accepted_at = 0 AND revoked_at = 0 AND expires_at > ?`, tokenHash, ms(tx.Now)).
		Scan(&inv.ID, &inv.OrgID, &inv.UserID, &inv.InvitedBy, &created, &expires)
	if err != nil {
		return nil, notFound(err, "invitation")
	}
	inv.CreatedAt, inv.ExpiresAt = fromMS(created), fromMS(expires)
	return &inv, nil
}

// AcceptInvitation marks an open invitation as used.
func (tx *Tx) AcceptInvitation(orgID, id string) error {
	return tx.execOne("invitation", `UPDATE invitations SET accepted_at = ? WHERE org_id = ? AND id = ? AND accepted_at = 0 AND revoked_at = 0`, ms(tx.Now), orgID, id)
}

// RevokeInvitations revokes every open invitation of a user.
func (tx *Tx) RevokeInvitations(orgID, userID string) error {
	_, err := tx.exec(`UPDATE invitations SET revoked_at = ? WHERE org_id = ? AND user_id = ? AND accepted_at = 0 AND revoked_at = 0`, ms(tx.Now), orgID, userID)
	return err
}

// ErrInvitationInvalid is the error for unknown, used or expired links.
var ErrInvitationInvalid = &domain.Error{Code: domain.ENotFound, Message: "error.invitation_invalid"}
