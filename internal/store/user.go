package store

import (
	"strings"

	"github.com/bgcheck/bgcheck/internal/domain"
)

const userColumns = `id, org_id, email, name, role, status, totp_enabled_at, created_at, updated_at, last_login_at, password_set_at`

func scanUser(s scanner) (*domain.User, error) {
	var u domain.User
	var totp, created, updated, login, pwset int64
	err := s.Scan(&u.ID, &u.OrgID, &u.Email, &u.Name, &u.Role, &u.Status, &totp, &created, &updated, &login, &pwset)
	if err != nil {
		return nil, err
	}
	u.TOTPEnabled = totp != 0
	u.CreatedAt, u.UpdatedAt, u.LastLoginAt, u.PasswordSetAt = fromMS(created), fromMS(updated), fromMS(login), fromMS(pwset)
	return &u, nil
}

// UserCredentials is what sign-in needs and nothing else ever reads.
type UserCredentials struct {
	PasswordHash string
	TOTPSecret   []byte // encrypted with the user's data key; nil when none
	TOTPLastStep int64
}

// CreateUser inserts a user in org. E-mail addresses are unique across all
// organisations because sign-in starts from the e-mail alone.
func (tx *Tx) CreateUser(orgID string, n domain.NewUser, status domain.UserStatus) (*domain.User, error) {
	u := &domain.User{
		ID: NewID(), OrgID: orgID, Email: n.Email, Name: n.Name, Role: n.Role, Status: status,
		CreatedAt: tx.Now, UpdatedAt: tx.Now,
	}
	_, err := tx.exec(`INSERT INTO users (id, org_id, email, name, role, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)`,
		u.ID, u.OrgID, u.Email, u.Name, string(u.Role), string(u.Status), ms(tx.Now), ms(tx.Now))
	if isUniqueViolation(err) {
		return nil, &domain.Error{Code: domain.EConflict, Message: "error.email_taken", Fields: map[string]string{"email": "error.email_taken"}, Err: err}
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// User returns one user of org.
func (tx *Tx) User(orgID, id string) (*domain.User, error) {
	u, err := scanUser(tx.queryRow(`SELECT `+userColumns+` FROM users WHERE org_id = ? AND id = ?`, orgID, id))
	return u, notFound(err, "user")
}

// UserByEmail finds a user by e-mail in any organisation. Only sign-in and
// operator commands use it: the e-mail is what identifies the tenant.
func (tx *Tx) UserByEmail(email string) (*domain.User, error) {
	u, err := scanUser(tx.queryRow(`SELECT `+userColumns+` FROM users WHERE email = ?`, domain.NormalizeEmail(email)))
	return u, notFound(err, "user")
}

// Credentials returns a user's password hash and TOTP state.
func (tx *Tx) Credentials(orgID, id string) (UserCredentials, error) {
	var c UserCredentials
	err := tx.queryRow(`SELECT password_hash, totp_secret, totp_last_step FROM users WHERE org_id = ? AND id = ?`, orgID, id).
		Scan(&c.PasswordHash, &c.TOTPSecret, &c.TOTPLastStep)
	return c, notFound(err, "user")
}

// Users lists org's users matching f, ordered by name.
func (tx *Tx) Users(orgID string, f domain.UserFilter) ([]*domain.User, error) {
	where := []string{"org_id = ?"}
	args := []any{orgID}
	if f.Role != "" {
		where, args = append(where, "role = ?"), append(args, string(f.Role))
	}
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(f.Status))
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		like := "%" + escapeLike(strings.ToLower(q)) + "%"
		where, args = append(where, `(LOWER(name) LIKE ? ESCAPE '\' OR email LIKE ? ESCAPE '\')`), append(args, like, like)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	args = append(args, limit, max(f.Offset, 0))
	rows, err := tx.query(`SELECT `+userColumns+` FROM users WHERE `+strings.Join(where, " AND ")+` ORDER BY name, email LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanUser)
}

// escapeLike escapes LIKE wildcards so user input matches literally.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// CountActiveOwners counts org's active owners.
func (tx *Tx) CountActiveOwners(orgID string) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM users WHERE org_id = ? AND role = ? AND status = ?`,
		orgID, string(domain.RoleOwner), string(domain.UserActive)).Scan(&n)
	return n, err
}

// SetUserRole changes a user's role.
func (tx *Tx) SetUserRole(orgID, id string, role domain.Role) error {
	return tx.execOne("user", `UPDATE users SET role = ?, updated_at = ? WHERE org_id = ? AND id = ?`, string(role), ms(tx.Now), orgID, id)
}

// SetUserStatus changes a user's status.
func (tx *Tx) SetUserStatus(orgID, id string, st domain.UserStatus) error {
	return tx.execOne("user", `UPDATE users SET status = ?, updated_at = ? WHERE org_id = ? AND id = ?`, string(st), ms(tx.Now), orgID, id)
}

// SetPassword stores a new password hash.
func (tx *Tx) SetPassword(orgID, id, hash string) error {
	return tx.execOne("user", `UPDATE users SET password_hash = ?, password_set_at = ?, updated_at = ? WHERE org_id = ? AND id = ?`, hash, ms(tx.Now), ms(tx.Now), orgID, id)
}

// SetPendingTOTP stores an encrypted TOTP secret that is not yet enabled.
func (tx *Tx) SetPendingTOTP(orgID, id string, secretEnc []byte) error {
	return tx.execOne("user", `UPDATE users SET totp_secret = ?, totp_enabled_at = 0, totp_last_step = 0, updated_at = ? WHERE org_id = ? AND id = ?`, secretEnc, ms(tx.Now), orgID, id)
}

// EnableTOTP marks the stored secret as enrolled and records the step of
// the code that proved it.
func (tx *Tx) EnableTOTP(orgID, id string, step int64) error {
	return tx.execOne("user", `UPDATE users SET totp_enabled_at = ?, totp_last_step = ?, updated_at = ? WHERE org_id = ? AND id = ? AND totp_secret IS NOT NULL`, ms(tx.Now), step, ms(tx.Now), orgID, id)
}

// AdvanceTOTPStep records an accepted TOTP step. It fails with a conflict
// when the step is not newer than the last accepted one, so two concurrent
// sign-ins cannot both use the same code.
func (tx *Tx) AdvanceTOTPStep(orgID, id string, step int64) error {
	res, err := tx.exec(`UPDATE users SET totp_last_step = ? WHERE org_id = ? AND id = ? AND totp_last_step < ?`, step, orgID, id, step)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return domain.Errorf(domain.EConflict, "error.totp_invalid")
	}
	return nil
}

// ResetTOTP removes a user's second factor and recovery codes.
func (tx *Tx) ResetTOTP(orgID, id string) error {
	if err := tx.execOne("user", `UPDATE users SET totp_secret = NULL, totp_enabled_at = 0, totp_last_step = 0, updated_at = ? WHERE org_id = ? AND id = ?`, ms(tx.Now), orgID, id); err != nil {
		return err
	}
	_, err := tx.exec(`DELETE FROM recovery_codes WHERE org_id = ? AND user_id = ?`, orgID, id)
	return err
}

// TouchLogin records a completed sign-in.
func (tx *Tx) TouchLogin(orgID, id string) error {
	return tx.execOne("user", `UPDATE users SET last_login_at = ? WHERE org_id = ? AND id = ?`, ms(tx.Now), orgID, id)
}

// ReplaceRecoveryCodes stores new recovery code hashes, discarding old ones.
func (tx *Tx) ReplaceRecoveryCodes(orgID, userID string, hashes [][]byte) error {
	if _, err := tx.exec(`DELETE FROM recovery_codes WHERE org_id = ? AND user_id = ?`, orgID, userID); err != nil {
		return err
	}
	for _, h := range hashes {
		if _, err := tx.exec(`INSERT INTO recovery_codes (id, org_id, user_id, code_hash) VALUES (?,?,?,?)`, NewID(), orgID, userID, h); err != nil {
			return err
		}
	}
	return nil
}

// UseRecoveryCode marks an unused code as used; it returns a not-found
// error when the code is unknown or already used.
func (tx *Tx) UseRecoveryCode(orgID, userID string, hash []byte) error {
	return tx.execOne("recovery code", `UPDATE recovery_codes SET used_at = ? WHERE org_id = ? AND user_id = ? AND code_hash = ? AND used_at = 0`, ms(tx.Now), orgID, userID, hash)
}

// UnusedRecoveryCodes counts a user's remaining recovery codes.
func (tx *Tx) UnusedRecoveryCodes(orgID, userID string) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM recovery_codes WHERE org_id = ? AND user_id = ? AND used_at = 0`, orgID, userID).Scan(&n)
	return n, err
}
