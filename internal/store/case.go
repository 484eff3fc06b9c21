package store

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
)

// CaseRow is a case as stored, with the subject's encrypted name and
// e-mail joined in. The app layer decrypts.
type CaseRow struct {
	domain.Case
	NameEnc       []byte
	EmailEnc      []byte
	PhoneEnc      []byte
	EmployeeNoEnc []byte
	EmailIndex    string
	IdentityRef   string
}

const caseColumns = `c.id, c.org_id, c.subject_id, c.package_id, c.package_version, p.name, c.status, c.phone_enc, c.employee_no_enc,
	c.position, c.department, c.language, c.handler_id, c.created_by, c.assurance, c.identity_ref, c.email_index, c.link_expires_at,
	c.created_at, c.updated_at, c.invited_at, c.submitted_at, c.closed_at, s.name_enc, s.email_enc`

const caseFrom = ` FROM cases c JOIN subjects s ON s.id = c.subject_id JOIN packages p ON p.id = c.package_id`

func scanCase(s scanner) (*CaseRow, error) {
	var r CaseRow
	var linkExp, created, updated, invited, submitted, closed int64
	err := s.Scan(&r.ID, &r.OrgID, &r.SubjectID, &r.PackageID, &r.PackageVersion, &r.PackageName, &r.Status, &r.PhoneEnc, &r.EmployeeNoEnc,
		&r.Position, &r.Department, &r.Language, &r.HandlerID, &r.CreatedBy, &r.Assurance, &r.IdentityRef, &r.EmailIndex, &linkExp,
		&created, &updated, &invited, &submitted, &closed, &r.NameEnc, &r.EmailEnc)
	if err != nil {
		return nil, err
	}
	r.LinkExpiresAt, r.CreatedAt, r.UpdatedAt = fromMS(linkExp), fromMS(created), fromMS(updated)
	r.InvitedAt, r.SubmittedAt, r.ClosedAt = fromMS(invited), fromMS(submitted), fromMS(closed)
	return &r, nil
}

// CreateCase inserts a case; r.ID and r.SubjectID must be set (the
// subject row first). terms are the blind-index terms for search.
func (tx *Tx) CreateCase(r *CaseRow, terms []string) error {
	r.CreatedAt, r.UpdatedAt = tx.Now, tx.Now
	_, err := tx.exec(`INSERT INTO cases (id, org_id, subject_id, package_id, package_version, status, phone_enc, employee_no_enc, position, department,
		language, handler_id, created_by, email_index, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		r.ID, r.OrgID, r.SubjectID, r.PackageID, r.PackageVersion, string(r.Status), r.PhoneEnc, r.EmployeeNoEnc, r.Position, r.Department,
		r.Language, r.HandlerID, r.CreatedBy, r.EmailIndex, ms(tx.Now), ms(tx.Now))
	if err != nil {
		return err
	}
	return tx.SetCaseSearchTerms(r.OrgID, r.ID, terms)
}

// SetCaseSearchTerms replaces a case's blind-index terms.
func (tx *Tx) SetCaseSearchTerms(orgID, caseID string, terms []string) error {
	if _, err := tx.exec(`DELETE FROM case_search WHERE org_id = ? AND case_id = ?`, orgID, caseID); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, t := range terms {
		if seen[t] {
			continue
		}
		seen[t] = true
		if _, err := tx.exec(`INSERT INTO case_search (org_id, term, case_id) VALUES (?,?,?)`, orgID, t, caseID); err != nil {
			return err
		}
	}
	return nil
}

// CaseRecord returns one case of org.
func (tx *Tx) CaseRecord(orgID, id string) (*CaseRow, error) {
	r, err := scanCase(tx.queryRow(`SELECT `+caseColumns+caseFrom+` WHERE c.org_id = ? AND c.id = ?`, orgID, id))
	return r, notFound(err, "case")
}

// CaseByLink returns the case addressed by a link token hash, in any
// organisation: the link is what tells the portal which case it is.
func (tx *Tx) CaseByLink(linkHash []byte) (*CaseRow, error) {
	r, err := scanCase(tx.queryRow(`SELECT `+caseColumns+caseFrom+` WHERE c.link_hash = ?`, linkHash))
	return r, notFound(err, "case")
}

// SetCaseLink stores a new link: the token's hash to find the case by, the
// token encrypted (so reminders can repeat the same link) and its expiry.
// The old link stops working.
func (tx *Tx) SetCaseLink(orgID, id string, linkHash, linkEnc []byte, expires time.Time) error {
	return tx.execOne("case", `UPDATE cases SET link_hash = ?, link_enc = ?, link_expires_at = ?, updated_at = ? WHERE org_id = ? AND id = ?`,
		linkHash, linkEnc, ms(expires), ms(tx.Now), orgID, id)
}

// CaseLink returns the encrypted link token of a case, nil when the case
// has none (closed).
func (tx *Tx) CaseLink(orgID, id string) ([]byte, error) {
	var enc []byte
	err := tx.queryRow(`SELECT link_enc FROM cases WHERE org_id = ? AND id = ? AND link_hash IS NOT NULL`, orgID, id).Scan(&enc)
	return enc, notFound(err, "case link")
}

// SetCaseStatus moves a case to status, stamping the matching time.
func (tx *Tx) SetCaseStatus(orgID, id string, st domain.CaseStatus) error {
	extra := ""
	switch {
	case st == domain.CaseInvited:
		extra = ", invited_at = ?, closed_at = 0"
	case st == domain.CaseSubmitted:
		extra = ", submitted_at = ?"
	case st.Closed():
		extra = ", closed_at = ?, link_hash = NULL, link_enc = NULL"
	case st == domain.CaseReadyForReview:
		extra = ", closed_at = 0" // a reopened decision opens the case again
	}
	args := []any{string(st), ms(tx.Now)}
	if strings.Contains(extra, "?") {
		args = append(args, ms(tx.Now))
	}
	args = append(args, orgID, id)
	return tx.execOne("case", `UPDATE cases SET status = ?, updated_at = ?`+extra+` WHERE org_id = ? AND id = ?`, args...)
}

// SetCaseHandler assigns a case handler ("" to unassign).
func (tx *Tx) SetCaseHandler(orgID, id, handlerID string) error {
	return tx.execOne("case", `UPDATE cases SET handler_id = ?, updated_at = ? WHERE org_id = ? AND id = ?`, handlerID, ms(tx.Now), orgID, id)
}

// SetCaseEmailIndex records the blind index of a changed e-mail.
func (tx *Tx) SetCaseEmailIndex(orgID, id, index string) error {
	return tx.execOne("case", `UPDATE cases SET email_index = ?, updated_at = ? WHERE org_id = ? AND id = ?`, index, ms(tx.Now), orgID, id)
}

// BindCaseIdentity records how and as whom the subject was identified.
func (tx *Tx) BindCaseIdentity(orgID, id, identityRef, assurance string) error {
	return tx.execOne("case", `UPDATE cases SET identity_ref = ?, assurance = ?, updated_at = ? WHERE org_id = ? AND id = ?`, identityRef, assurance, ms(tx.Now), orgID, id)
}

// OpenCasesByEmail counts org's cases for the e-mail index that are not
// closed, except the case except.
func (tx *Tx) OpenCasesByEmail(orgID, index, except string) (int, error) {
	closed := []any{}
	var ph []string
	for _, s := range domain.CaseStatuses {
		if s.Closed() {
			closed, ph = append(closed, string(s)), append(ph, "?")
		}
	}
	var n int
	args := append([]any{orgID, index, except}, closed...)
	err := tx.queryRow(`SELECT COUNT(*) FROM cases WHERE org_id = ? AND email_index = ? AND id <> ? AND status NOT IN (`+strings.Join(ph, ",")+`)`, args...).Scan(&n)
	return n, err
}

// AddCaseEvent appends a line to a case's timeline.
func (tx *Tx) AddCaseEvent(orgID, caseID string, ac domain.Actor, action string, details map[string]string) error {
	d := "{}"
	if len(details) > 0 {
		b, err := json.Marshal(details)
		if err != nil {
			return err
		}
		d = string(b)
	}
	_, err := tx.exec(`INSERT INTO case_events (org_id, case_id, at, actor_type, actor_label, action, details) VALUES (?,?,?,?,?,?,?)`,
		orgID, caseID, ms(tx.Now), string(ac.Type), ac.Label, action, d)
	if err != nil {
		return err
	}
	return tx.caseWebhookEvent(orgID, caseID, action, details)
}

// CaseEvents returns a case's timeline, oldest first.
func (tx *Tx) CaseEvents(orgID, caseID string) ([]*domain.CaseEvent, error) {
	rows, err := tx.query(`SELECT case_id, at, actor_type, actor_label, action, details FROM case_events WHERE org_id = ? AND case_id = ? ORDER BY id`, orgID, caseID)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(s scanner) (*domain.CaseEvent, error) {
		var e domain.CaseEvent
		var at int64
		var d string
		if err := s.Scan(&e.CaseID, &at, &e.ActorType, &e.ActorLabel, &e.Action, &d); err != nil {
			return nil, err
		}
		e.At = fromMS(at)
		if d != "{}" {
			if err := json.Unmarshal([]byte(d), &e.Details); err != nil {
				return nil, err
			}
		}
		return &e, nil
	})
}

// AddConsent records one consent answer.
func (tx *Tx) AddConsent(orgID string, c *domain.Consent, ip string) error {
	c.At = tx.Now
	given := 0
	if c.Given {
		given = 1
	}
	_, err := tx.exec(`INSERT INTO consents (id, org_id, case_id, category, given, text_version, at, identity_ref, ip) VALUES (?,?,?,?,?,?,?,?,?)`,
		NewID(), orgID, c.CaseID, string(c.Category), given, c.TextVersion, ms(tx.Now), c.IdentityRef, ip)
	return err
}

// WithdrawConsent marks the live consent of a category withdrawn.
func (tx *Tx) WithdrawConsent(orgID, caseID string, cat domain.Category) error {
	return tx.execOne("consent", `UPDATE consents SET withdrawn_at = ? WHERE org_id = ? AND case_id = ? AND category = ? AND given = 1 AND withdrawn_at = 0`,
		ms(tx.Now), orgID, caseID, string(cat))
}

// BindConsentIdentity attaches the verified identity to consents given
// before the subject signed in.
func (tx *Tx) BindConsentIdentity(orgID, caseID, identityRef string) error {
	_, err := tx.exec(`UPDATE consents SET identity_ref = ? WHERE org_id = ? AND case_id = ? AND identity_ref = ''`, identityRef, orgID, caseID)
	return err
}

// Consents returns every consent record of a case, oldest first.
func (tx *Tx) Consents(orgID, caseID string) ([]*domain.Consent, error) {
	rows, err := tx.query(`SELECT case_id, category, given, text_version, at, withdrawn_at, identity_ref FROM consents WHERE org_id = ? AND case_id = ? ORDER BY at, id`, orgID, caseID)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(s scanner) (*domain.Consent, error) {
		var c domain.Consent
		var given int
		var at, wd int64
		if err := s.Scan(&c.CaseID, &c.Category, &given, &c.TextVersion, &at, &wd, &c.IdentityRef); err != nil {
			return nil, err
		}
		c.Given, c.At, c.WithdrawnAt = given == 1, fromMS(at), fromMS(wd)
		return &c, nil
	})
}

// CaseListFilter is domain.CaseFilter with search terms already turned
// into blind-index terms (all must match).
type CaseListFilter struct {
	domain.CaseFilter
	Terms []string
}

var caseSortColumns = map[string]string{"created": "c.created_at", "updated": "c.updated_at", "submitted": "c.submitted_at", "status": "c.status"}

// Cases lists one page of org's cases with keyset pagination, so a page
// deep in 100,000 cases costs the same as the first.
func (tx *Tx) Cases(orgID string, f CaseListFilter) ([]*CaseRow, string, error) {
	where := []string{"c.org_id = ?"}
	args := []any{orgID}
	add := func(cond string, v ...any) { where, args = append(where, cond), append(args, v...) }
	if len(f.Status) > 0 {
		ph := make([]string, len(f.Status))
		for i, s := range f.Status {
			ph[i] = "?"
			args = append(args, string(s))
		}
		where = append(where, "c.status IN ("+strings.Join(ph, ",")+")")
	}
	if f.PackageID != "" {
		add("c.package_id = ?", f.PackageID)
	}
	if f.HandlerID != "" {
		add("c.handler_id = ?", f.HandlerID)
	}
	from := caseFrom
	if len(f.Terms) > 0 {
		// Driven from the search index: a rare term finds its few cases
		// directly instead of testing every case in list order.
		from = ` FROM case_search cs JOIN cases c ON c.id = cs.case_id JOIN subjects s ON s.id = c.subject_id JOIN packages p ON p.id = c.package_id`
		where, args = append(where, "cs.org_id = ? AND cs.term = ?"), append(args, orgID, f.Terms[0])
		for _, t := range f.Terms[1:] {
			add("c.id IN (SELECT cs2.case_id FROM case_search cs2 WHERE cs2.org_id = ? AND cs2.term = ?)", orgID, t)
		}
	}
	if !f.CreatedFrom.IsZero() {
		add("c.created_at >= ?", ms(f.CreatedFrom))
	}
	if !f.CreatedTo.IsZero() {
		add("c.created_at <= ?", ms(f.CreatedTo))
	}
	if !f.SubmittedFrom.IsZero() {
		add("c.submitted_at >= ?", ms(f.SubmittedFrom))
	}
	if !f.SubmittedTo.IsZero() {
		add("c.submitted_at > 0 AND c.submitted_at <= ?", ms(f.SubmittedTo))
	}
	col, ok := caseSortColumns[f.Sort]
	if !ok {
		col = caseSortColumns["created"]
	}
	op, dir := ">", "ASC"
	if f.Desc {
		op, dir = "<", "DESC"
	}
	if f.After != "" {
		v, id, err := decodeCursor(f.After)
		if err != nil {
			return nil, "", err
		}
		var key any = v
		if col != "c.status" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return nil, "", domain.Errorf(domain.EInvalid, "error.invalid")
			}
			key = n
		}
		// A row-value comparison lets both databases seek the index.
		add("("+col+", c.id) "+op+" (?, ?)", key, id)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	args = append(args, limit+1)
	rows, err := tx.query(`SELECT `+caseColumns+from+` WHERE `+strings.Join(where, " AND ")+
		` ORDER BY `+col+` `+dir+`, c.id `+dir+` LIMIT ?`, args...)
	if err != nil {
		return nil, "", err
	}
	list, err := collect(rows, scanCase)
	if err != nil || len(list) <= limit {
		return list, "", err
	}
	list = list[:limit]
	last := list[limit-1]
	var v string
	switch col {
	case "c.status":
		v = string(last.Status)
	case "c.updated_at":
		v = strconv.FormatInt(ms(last.UpdatedAt), 10)
	case "c.submitted_at":
		v = strconv.FormatInt(ms(last.SubmittedAt), 10)
	default:
		v = strconv.FormatInt(ms(last.CreatedAt), 10)
	}
	return list, encodeCursor(v, last.ID), nil
}

func encodeCursor(v, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(v + "\x00" + id))
}

func decodeCursor(s string) (string, string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	v, id, ok := strings.Cut(string(b), "\x00")
	if err != nil || !ok {
		return "", "", domain.Errorf(domain.EInvalid, "error.invalid")
	}
	return v, id, nil
}

// CaseCounts counts org's cases per status.
func (tx *Tx) CaseCounts(orgID string) (map[domain.CaseStatus]int, error) {
	rows, err := tx.query(`SELECT status, COUNT(*) FROM cases WHERE org_id = ? GROUP BY status`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[domain.CaseStatus]int{}
	for rows.Next() {
		var s domain.CaseStatus
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// OrgSearchKey returns the organisation's encrypted search key, or
// not-found.
func (tx *Tx) OrgSearchKey(orgID string) ([]byte, error) {
	var k []byte
	err := tx.queryRow(`SELECT key_enc FROM org_search_keys WHERE org_id = ?`, orgID).Scan(&k)
	return k, notFound(err, "search key")
}

// PutOrgSearchKey stores the organisation's encrypted search key unless one
// exists; the stored one wins.
func (tx *Tx) PutOrgSearchKey(orgID string, keyEnc []byte) error {
	_, err := tx.exec(`INSERT INTO org_search_keys (org_id, key_enc) VALUES (?, ?) ON CONFLICT (org_id) DO NOTHING`, orgID, keyEnc)
	return err
}

// ExpiredCases returns open cases (not submitted) whose link has run out,
// across organisations, for the periodic sweep.
func (tx *Tx) ExpiredCases(limit int) ([]*CaseRow, error) {
	rows, err := tx.query(`SELECT `+caseColumns+caseFrom+` WHERE c.status IN (?, ?) AND c.submitted_at = 0 AND c.link_expires_at > 0 AND c.link_expires_at <= ? ORDER BY c.link_expires_at LIMIT ?`,
		string(domain.CaseInvited), string(domain.CaseInProgress), ms(tx.Now), limit)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanCase)
}
