package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/bgcheck/bgcheck/internal/auth"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/mitid"
	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/store"
)

// PortalService implements domain.PortalService: the subject's side.
type PortalService struct{ *App }

// Portal returns the portal service.
func (a *App) Portal() *PortalService { return &PortalService{a} }

var _ domain.PortalService = (*PortalService)(nil)

// Subject session and sign-in timeouts.
const (
	subjectIdle     = 30 * time.Minute
	subjectAbsolute = 8 * time.Hour
	loginTTL        = 10 * time.Minute
	codeTTL         = 15 * time.Minute
	codeAttempts    = 5
)

var (
	errLinkInvalid = domain.Errorf(domain.ENotFound, "error.link_invalid")
	errNotEditable = domain.Errorf(domain.EConflict, "error.case_not_editable")
)

func subjectActor(r *store.CaseRow) domain.Actor {
	return domain.Actor{Type: domain.ActorSubject, ID: r.SubjectID, OrgID: r.OrgID, Label: "subject"}
}

// openLink finds the live case a link token addresses.
func (s *PortalService) openLink(ctx context.Context, link string) (*store.CaseRow, error) {
	if link == "" || len(link) > 100 {
		return nil, errLinkInvalid
	}
	var r *store.CaseRow
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.CaseByLink(auth.HashToken(link)); return err })
	if domain.IsNotFound(err) {
		return nil, errLinkInvalid
	}
	if err != nil {
		return nil, err
	}
	if r.Status.Closed() || !s.DB.Now().Before(r.LinkExpiresAt) {
		return nil, errLinkInvalid
	}
	return r, nil
}

// Open implements domain.PortalService.
func (s *PortalService) Open(ctx context.Context, link string) (*domain.PortalCase, error) {
	r, err := s.openLink(ctx, link)
	if err != nil {
		return nil, err
	}
	return s.portalCase(ctx, r)
}

func (s *PortalService) portalCase(ctx context.Context, r *store.CaseRow) (*domain.PortalCase, error) {
	pc := &domain.PortalCase{CaseID: r.ID, Status: r.Status, Language: r.Language, PackageName: r.PackageName, Position: r.Position,
		LinkExpiresAt: r.LinkExpiresAt, SubmittedAt: r.SubmittedAt, Identified: r.IdentityRef != "", Assurance: r.Assurance,
		Consents: map[domain.Category]*domain.Consent{}}
	err := s.DB.Read(ctx, func(tx *store.Tx) error {
		org, err := tx.Organisation(r.OrgID)
		if err != nil {
			return err
		}
		pc.Org = *org
		pkg, err := tx.PackageVersion(r.OrgID, r.PackageID, r.PackageVersion)
		if err != nil {
			return err
		}
		pc.Definition = pkg.Definition
		consents, err := tx.Consents(r.OrgID, r.ID)
		for _, c := range consents {
			pc.Consents[c.Category] = c
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	pc.ConsentDone = true
	for _, c := range pc.Definition.Categories {
		if pc.Consents[c.Category] == nil {
			pc.ConsentDone = false
		}
	}
	if err := s.Cases().decryptCase(ctx, r, false); err != nil {
		return nil, err
	}
	pc.FirstName, _, _ = strings.Cut(r.SubjectName, " ")
	return pc, nil
}

// GiveConsents implements domain.PortalService.
func (s *PortalService) GiveConsents(ctx context.Context, link string, given map[domain.Category]bool, version string, meta domain.ClientMeta) error {
	r, err := s.openLink(ctx, link)
	if err != nil {
		return err
	}
	if !r.Status.Open() || !r.SubmittedAt.IsZero() {
		return errNotEditable
	}
	pc, err := s.portalCase(ctx, r)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	for _, c := range pc.Definition.Categories {
		if _, ok := given[c.Category]; !ok {
			fields["consent_"+string(c.Category)] = "error.consent_answer"
		}
	}
	if version == "" || len(version) > 100 {
		fields["version"] = "error.invalid"
	}
	if len(fields) > 0 {
		return domain.Invalid(fields)
	}
	ctx = domain.WithActor(ctx, subjectActor(r))
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		yes := []string{}
		for _, c := range pc.Definition.Categories {
			ok := given[c.Category]
			if err := tx.AddConsent(r.OrgID, &domain.Consent{CaseID: r.ID, Category: c.Category, Given: ok, TextVersion: version, IdentityRef: r.IdentityRef}, meta.IP); err != nil {
				return err
			}
			if ok {
				yes = append(yes, string(c.Category))
			}
		}
		details := map[string]string{"given": strings.Join(yes, ","), "text_version": version}
		if err := tx.AddCaseEvent(r.OrgID, r.ID, subjectActor(r), "consent.recorded", details); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: r.OrgID, Action: "consent.recorded", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID, Details: details})
	})
}

// BeginLogin implements domain.PortalService.
func (s *PortalService) BeginLogin(ctx context.Context, link string) (string, error) {
	if s.MitID == nil {
		return "", domain.Errorf(domain.EConflict, "error.mitid_unavailable")
	}
	r, err := s.openLink(ctx, link)
	if err != nil {
		return "", err
	}
	l, err := s.MitID.Begin()
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(l)
	if err != nil {
		return "", err
	}
	enc, err := s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "mitid_login:"+l.State), b)
	if err != nil {
		return "", err
	}
	err = s.DB.Write(ctx, func(tx *store.Tx) error {
		return tx.PutSubjectLogin(auth.HashToken(l.State), r.OrgID, r.ID, enc, tx.Now.Add(loginTTL))
	})
	return l.URL, err
}

// FinishLogin implements domain.PortalService.
func (s *PortalService) FinishLogin(ctx context.Context, code, state string, meta domain.ClientMeta) (string, string, error) {
	if s.MitID == nil {
		return "", "", domain.Errorf(domain.EConflict, "error.mitid_unavailable")
	}
	var orgID, caseID string
	var enc []byte
	err := s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		orgID, caseID, enc, err = tx.TakeSubjectLogin(auth.HashToken(state))
		return err
	})
	if domain.IsNotFound(err) {
		return "", "", domain.Errorf(domain.EUnauthorized, "error.mitid_state")
	}
	if err != nil {
		return "", "", err
	}
	var r *store.CaseRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.CaseRecord(orgID, caseID); return err }); err != nil {
		return "", "", err
	}
	b, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "mitid_login:"+state), enc)
	if err != nil {
		return "", "", err
	}
	var l mitid.Login
	if err := json.Unmarshal(b, &l); err != nil {
		return "", "", err
	}
	id, err := s.MitID.Finish(ctx, code, state, l)
	if err != nil {
		return "", "", err
	}
	ref, err := s.identityRef(ctx, r.OrgID, "mitid:"+id.UUID)
	if err != nil {
		return "", "", err
	}
	token, err := s.signIn(ctx, r, ref, "mitid_"+id.LoA, id.Name, id.CPR, meta)
	if err != nil {
		return "", "", err
	}
	link, err := s.caseLink(ctx, r)
	return token, link, err
}

// identityRef is a blind reference to a verified identity: the same person
// gives the same reference, and it reveals nothing by itself.
func (s *PortalService) identityRef(ctx context.Context, orgID, id string) (string, error) {
	t, err := s.terms(ctx, orgID, []string{"identity:" + id})
	if err != nil {
		return "", err
	}
	return t[0], nil
}

func (s *PortalService) caseLink(ctx context.Context, r *store.CaseRow) (string, error) {
	var enc []byte
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { enc, err = tx.CaseLink(r.OrgID, r.ID); return err }); err != nil {
		return "", err
	}
	b, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "link"), enc)
	return string(b), err
}

// signIn binds a verified identity to the case at first sign-in (later
// sign-ins must be the same person) and starts a subject session.
func (s *PortalService) signIn(ctx context.Context, r *store.CaseRow, ref, assurance, name, cpr string, meta domain.ClientMeta) (string, error) {
	if r.Status.Closed() {
		return "", errLinkInvalid
	}
	ctx = domain.WithActor(ctx, subjectActor(r))
	if r.IdentityRef != "" && r.IdentityRef != ref {
		_ = s.DB.Write(ctx, func(tx *store.Tx) error {
			if err := tx.AddCaseEvent(r.OrgID, r.ID, subjectActor(r), "identity.mismatch", nil); err != nil {
				return err
			}
			return s.record(ctx, tx, event{OrgID: r.OrgID, Action: "identity.mismatch", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID})
		})
		return "", domain.Errorf(domain.EForbidden, "error.identity_mismatch")
	}
	if err := s.Cases().decryptCase(ctx, r, false); err != nil {
		return "", err
	}
	var cprEnc []byte
	if cpr != "" && r.IdentityRef == "" {
		var err error
		if cprEnc, err = s.Envelope.Encrypt(ctx, subjectScope(r.OrgID, r.SubjectID, "cpr"), []byte(cpr)); err != nil {
			return "", err
		}
	}
	var dataEnc []byte
	if r.IdentityRef == "" && name != "" {
		d, _, err := s.loadData(ctx, r)
		if err != nil {
			return "", err
		}
		d.VerifiedName = name
		if dataEnc, err = s.encryptData(ctx, r, d); err != nil {
			return "", err
		}
	}
	token, hash := auth.NewToken()
	csrf, _ := auth.NewToken()
	err := s.DB.Write(ctx, func(tx *store.Tx) error {
		if dataEnc != nil {
			if err := tx.PutCaseData(r.OrgID, r.ID, dataEnc); err != nil {
				return err
			}
		}
		if r.IdentityRef == "" {
			if err := tx.BindCaseIdentity(r.OrgID, r.ID, ref, assurance); err != nil {
				return err
			}
			if err := tx.BindConsentIdentity(r.OrgID, r.ID, ref); err != nil {
				return err
			}
			if cprEnc != nil {
				if err := tx.SetSubjectCPR(r.OrgID, r.SubjectID, cprEnc, domain.MaskCPR(cpr)); err != nil {
					return err
				}
			}
			if name != "" && !sameName(name, r.SubjectName) {
				// A finding for the company to look at, never a refusal.
				if err := tx.AddCaseEvent(r.OrgID, r.ID, subjectActor(r), "identity.name_mismatch", nil); err != nil {
					return err
				}
			}
			if err := tx.AddCaseEvent(r.OrgID, r.ID, subjectActor(r), "identity.bound", map[string]string{"assurance": assurance}); err != nil {
				return err
			}
		}
		if r.Status == domain.CaseInvited {
			if err := tx.SetCaseStatus(r.OrgID, r.ID, domain.CaseInProgress); err != nil {
				return err
			}
		}
		if err := tx.CreateSubjectSession(hash, &domain.SubjectSession{CaseID: r.ID, OrgID: r.OrgID, SubjectID: r.SubjectID, CSRFToken: csrf, Assurance: assurance, ExpiresAt: tx.Now.Add(subjectAbsolute)}); err != nil {
			return err
		}
		return s.record(ctx, tx, event{OrgID: r.OrgID, Action: "subject.login", TargetType: "case", TargetID: r.ID, SubjectID: r.SubjectID, Details: map[string]string{"assurance": assurance}})
	})
	return token, err
}

// sameName compares names loosely: case, accents and the order and number
// of middle names do not matter, but every invited name part must appear.
func sameName(verified, invited string) bool {
	v := searchWords(verified)
	for _, w := range searchWords(invited) {
		if !slices.Contains(v, w) {
			return false
		}
	}
	return len(v) > 0
}

// SendEmailCode implements domain.PortalService.
func (s *PortalService) SendEmailCode(ctx context.Context, link string) error {
	r, err := s.openLink(ctx, link)
	if err != nil {
		return err
	}
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return err
	}
	code := fmt.Sprintf("%06d", n.Int64())
	h, err := s.codeHash(ctx, r, code)
	if err != nil {
		return err
	}
	if err := s.Cases().decryptCase(ctx, r, false); err != nil {
		return err
	}
	ctx = domain.WithActor(ctx, subjectActor(r))
	return s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutSubjectCode(r.OrgID, r.ID, h, tx.Now.Add(codeTTL)); err != nil {
			return err
		}
		data := map[string]any{"Code": code, "Minutes": int(codeTTL / time.Minute)}
		return s.enqueueMail(tx, r.OrgID, outgoingMail{To: r.SubjectEmail, Owner: r.SubjectID,
			Subject: s.Translator.T(r.Language, "mail.subject_code.subject", data), Text: s.Translator.T(r.Language, "mail.subject_code.body", data)})
	})
}

func (s *PortalService) codeHash(ctx context.Context, r *store.CaseRow, code string) ([]byte, error) {
	k, err := s.searchKey(ctx, r.OrgID)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, k)
	m.Write([]byte(r.ID + ":" + code))
	return m.Sum(nil), nil
}

// VerifyEmailCode implements domain.PortalService. The session it starts
// is of lower assurance; the company verifies an ID document instead.
func (s *PortalService) VerifyEmailCode(ctx context.Context, link, code string, meta domain.ClientMeta) (string, error) {
	r, err := s.openLink(ctx, link)
	if err != nil {
		return "", err
	}
	want, h := []byte(nil), []byte(nil)
	var attempts int
	if h, err = s.codeHash(ctx, r, strings.TrimSpace(code)); err != nil {
		return "", err
	}
	err = s.DB.Read(ctx, func(tx *store.Tx) (err error) { want, attempts, err = tx.SubjectCode(r.OrgID, r.ID); return err })
	bad := &domain.Error{Code: domain.EInvalid, Message: "error.code_invalid", Fields: map[string]string{"code": "error.code_invalid"}}
	if domain.IsNotFound(err) || attempts >= codeAttempts {
		return "", bad
	}
	if err != nil {
		return "", err
	}
	if !hmac.Equal(want, h) {
		_ = s.DB.Write(ctx, func(tx *store.Tx) error { return tx.CountSubjectCodeAttempt(r.OrgID, r.ID) })
		return "", bad
	}
	if err := s.DB.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSubjectCode(r.OrgID, r.ID) }); err != nil {
		return "", err
	}
	ref, err := s.identityRef(ctx, r.OrgID, "email:"+r.EmailIndex)
	if err != nil {
		return "", err
	}
	if r.IdentityRef != "" && r.Assurance != "email_code" {
		// A case bound to MitID stays bound to MitID.
		return "", domain.Errorf(domain.EForbidden, "error.identity_mismatch")
	}
	return s.signIn(ctx, r, ref, "email_code", "", "", meta)
}

// Session implements domain.PortalService.
func (s *PortalService) Session(ctx context.Context, token string) (*domain.SubjectSession, error) {
	if token == "" {
		return nil, errSessionEnded
	}
	hash := auth.HashToken(token)
	var ss *domain.SubjectSession
	err := s.DB.Write(ctx, func(tx *store.Tx) (err error) {
		if ss, err = tx.SubjectSession(hash, subjectIdle); err != nil {
			return err
		}
		return tx.TouchSubjectSession(hash)
	})
	if domain.IsNotFound(err) || domain.ErrorCode(err) == domain.EUnauthorized {
		return nil, errSessionEnded
	}
	return ss, err
}

// Logout implements domain.PortalService.
func (s *PortalService) Logout(ctx context.Context, token string) error {
	return s.DB.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSubjectSession(auth.HashToken(token)) })
}

// session loads the subject's session and case.
func (s *PortalService) session(ctx context.Context, token string) (*domain.SubjectSession, *store.CaseRow, context.Context, error) {
	ss, err := s.Session(ctx, token)
	if err != nil {
		return nil, nil, ctx, err
	}
	var r *store.CaseRow
	if err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.CaseRecord(ss.OrgID, ss.CaseID); return err }); err != nil {
		return nil, nil, ctx, err
	}
	return ss, r, domain.WithActor(ctx, subjectActor(r)), nil
}

func (s *PortalService) loadData(ctx context.Context, r *store.CaseRow) (domain.WizardData, time.Time, error) {
	var d domain.WizardData
	var enc []byte
	var at time.Time
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) { enc, at, err = tx.CaseData(r.OrgID, r.ID); return err })
	if domain.IsNotFound(err) {
		return d, at, nil
	}
	if err != nil {
		return d, at, err
	}
	b, err := s.Envelope.Decrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "wizard"), enc)
	if err != nil {
		return d, at, err
	}
	return d, at, json.Unmarshal(b, &d)
}

// Wizard implements domain.PortalService.
func (s *PortalService) Wizard(ctx context.Context, token string) (*domain.Wizard, error) {
	_, r, ctx, err := s.session(ctx, token)
	if err != nil {
		return nil, err
	}
	w, docs, err := s.wizardAndDocs(ctx, r)
	if err != nil {
		return nil, err
	}
	return w, s.suggestCV(ctx, w, docs)
}

// wizardOf gathers a case's steps, saved data and documents; the portal
// and the company's view of a submission share it.
func (a *App) wizardOf(ctx context.Context, r *store.CaseRow) (*domain.Wizard, error) {
	w, _, err := a.wizardAndDocs(ctx, r)
	return w, err
}

// wizardAndDocs is wizardOf that also returns the document rows it read.
func (a *App) wizardAndDocs(ctx context.Context, r *store.CaseRow) (*domain.Wizard, []*store.DocumentRow, error) {
	s := a.Portal()
	var pkg *domain.Package
	var docs []*store.DocumentRow
	err := s.DB.Read(ctx, func(tx *store.Tx) (err error) {
		if pkg, err = tx.PackageVersion(r.OrgID, r.PackageID, r.PackageVersion); err != nil {
			return err
		}
		docs, err = tx.CaseDocuments(r.OrgID, r.ID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	d, at, err := s.loadData(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	w := &domain.Wizard{Steps: wizardSteps(pkg.Definition), Data: d, UpdatedAt: at}
	for _, row := range docs {
		doc, err := s.document(ctx, row)
		if err != nil {
			return nil, nil, err
		}
		w.Documents = append(w.Documents, doc)
	}
	for i, st := range w.Steps {
		w.Steps[i].Done = stepDone(st, d, w.Documents)
	}
	return w, docs, nil
}

// stepDone reports whether a step is saved and has its required documents.
func stepDone(st domain.WizardStep, d domain.WizardData, docs []*domain.Document) bool {
	switch st.Key {
	case domain.StepIDDocument, domain.StepCriminalRecord, domain.StepChildCertificate:
	default:
		if !slices.Contains(d.Done, st.Key) {
			return false
		}
	}
	need := st.Documents
	if len(need) == 0 {
		switch st.Key {
		case domain.StepIDDocument, domain.StepCriminalRecord, domain.StepChildCertificate:
			// These steps exist to collect a document.
			return slices.ContainsFunc(docs, func(doc *domain.Document) bool { return doc.Step == st.Key })
		}
	}
	for _, k := range need {
		if !slices.ContainsFunc(docs, func(doc *domain.Document) bool { return doc.Step == st.Key && doc.Kind == k }) {
			return false
		}
	}
	return true
}

// SaveStep implements domain.PortalService.
func (s *PortalService) SaveStep(ctx context.Context, token, step string, in domain.WizardData) ([]string, error) {
	_, r, ctx, err := s.session(ctx, token)
	if err != nil {
		return nil, err
	}
	if !r.Status.Open() {
		return nil, errNotEditable
	}
	now := s.DB.Now()
	warnings, err := validateStep(step, &in, rules.NewDate(now.Year(), now.Month(), now.Day()))
	if err != nil {
		return warnings, err
	}
	d, _, err := s.loadData(ctx, r)
	if err != nil {
		return nil, err
	}
	mergeStep(step, &d, in)
	enc, err := s.encryptData(ctx, r, d)
	if err != nil {
		return nil, err
	}
	return warnings, s.DB.Write(ctx, func(tx *store.Tx) error {
		if err := tx.PutCaseData(r.OrgID, r.ID, enc); err != nil {
			return err
		}
		return tx.AddCaseEvent(r.OrgID, r.ID, subjectActor(r), "wizard.step_saved", map[string]string{"step": step})
	})
}

// encryptData seals a case's wizard data under the subject's key.
func (s *PortalService) encryptData(ctx context.Context, r *store.CaseRow, d domain.WizardData) ([]byte, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	return s.Envelope.Encrypt(ctx, caseScope(r.OrgID, r.SubjectID, r.ID, "wizard"), b)
}
