package app_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/app"
	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/jobs"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/webhook"
)

// verifySignature is the receiver's check as docs/webhooks.md describes
// it, written from the document and not from package webhook: take t and
// every v1, compute lower-case hex HMAC-SHA256(secret, t + "." + body)
// keyed with the whole secret string, accept if one v1 matches, refuse a
// t more than 5 minutes from the clock. It returns how many v1 entries
// the secret matched.
func verifySignature(secret, header string, body []byte, now time.Time) int {
	var t string
	var sigs []string
	for _, entry := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(entry), "=")
		switch k {
		case "t":
			t = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(t, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > 5*time.Minute {
		return 0
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(t + "."))
	mac.Write(body)
	want := hex.EncodeToString(mac.Sum(nil))
	n := 0
	for _, sig := range sigs {
		if hmac.Equal([]byte(want), []byte(sig)) {
			n++
		}
	}
	return n
}

// received is one request the test receiver got.
type received struct {
	header http.Header
	body   []byte
}

// receiver is an HR system's endpoint: it records every request and
// answers with the next status of its script (the last one repeats).
type receiver struct {
	srv    *httptest.Server
	mu     sync.Mutex
	script []int
	got    []received
}

func newReceiver(t *testing.T, script ...int) *receiver {
	r := &receiver{script: script}
	r.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.got = append(r.got, received{req.Header.Clone(), body})
		code := r.script[0]
		if len(r.script) > 1 {
			r.script = r.script[1:]
		}
		r.mu.Unlock()
		w.WriteHeader(code)
		_, _ = w.Write([]byte("answer " + strconv.Itoa(code)))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) requests() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

func (r *receiver) answer(codes ...int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.script = codes
}

// hooks is an app whose webhooks may reach the loopback receiver, with a
// job runner for deliveries.
type hooks struct {
	*env
	app    *app.App
	runner *jobs.Runner
}

// withWebhooks rebuilds e's app with loopback allowed, a client trusting
// the receiver's test certificate (still dialling through the address
// guard) and the documented schedule without jitter.
func (e *env) withWebhooks(r *receiver, allow ...netip.Prefix) *hooks {
	d := e.app.Deps
	tr := webhook.NewTransport(allow, 5*time.Second)
	tr.TLSClientConfig = r.srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	d.Webhooks = app.WebhookOptions{
		Allow:   allow,
		Client:  &http.Client{Transport: tr, Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		Backoff: webhook.Backoff{Base: 30 * time.Second, Max: 4 * time.Hour, GiveUp: 24 * time.Hour},
	}
	a := app.New(d)
	run := jobs.NewRunner(e.db, slog.New(slog.DiscardHandler))
	run.Handle(app.JobWebhookDeliver, a.WebhookHandler())
	for _, k := range []string{app.JobSendMail, app.JobCaseReminder} {
		run.Handle(k, func(context.Context, *store.Job) error { return nil })
	}
	return &hooks{env: e, app: a, runner: run}
}

var loopback = netip.MustParsePrefix("127.0.0.0/8")

// run runs every job due now.
func (h *hooks) run(t *testing.T) {
	t.Helper()
	for range 100 {
		ran, err := h.runner.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			return
		}
	}
	t.Fatal("jobs keep coming")
}

func (h *hooks) endpoint(t *testing.T, u *domain.User, r *receiver, types ...string) (*domain.WebhookEndpoint, string) {
	t.Helper()
	ep, secret, err := h.app.Webhooks().Create(as(u), domain.WebhookEndpointInput{URL: r.srv.URL + "/hooks/bgcheck", Description: "HR", Types: types})
	if err != nil {
		t.Fatal(err)
	}
	return ep, secret
}

func (h *hooks) delivery(t *testing.T, u *domain.User, epID, id string) *domain.WebhookDelivery {
	t.Helper()
	d, err := h.app.Webhooks().Delivery(as(u), epID, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func (h *hooks) onlyDelivery(t *testing.T, u *domain.User, epID string) *domain.WebhookDelivery {
	t.Helper()
	page, err := h.app.Webhooks().Deliveries(as(u), epID, "", 10)
	if err != nil || len(page.Deliveries) != 1 {
		t.Fatalf("deliveries: %+v %v", page, err)
	}
	return h.delivery(t, u, epID, page.Deliveries[0].ID)
}

func TestCaseCreatedIsLoggedAndDeliveredSigned(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusNoContent)
		h := e.withWebhooks(r, loopback)
		org, owner := e.org("Alfa")
		ep, secret := h.endpoint(t, owner, r, "case.created", "case.cancelled")
		nc := newCase(e.pkg(owner, "aviation_extended"), "Jens Ærø Hansen", "jens@example.dk")
		c, _, err := h.app.Cases().Create(as(owner), nc)
		if err != nil {
			t.Fatal(err)
		}
		page, err := h.app.Webhooks().Events(as(owner), "", 10)
		if err != nil || len(page.Events) != 1 {
			t.Fatalf("event log: %+v %v", page, err)
		}
		ev := page.Events[0]
		if ev.Type != "case.created" || ev.Data.CaseID != c.ID || ev.Data.PackageID != c.PackageID || ev.OrgID != org.ID {
			t.Fatalf("event %+v", ev)
		}
		h.run(t)
		reqs := r.requests()
		if len(reqs) != 1 {
			t.Fatalf("receiver got %d requests", len(reqs))
		}
		req := reqs[0]
		if n := verifySignature(secret, req.header.Get("Bgcheck-Signature"), req.body, time.Now()); n != 1 {
			t.Fatalf("signature %q does not verify with the secret (%d matches)", req.header.Get("Bgcheck-Signature"), n)
		}
		if verifySignature(secret, req.header.Get("Bgcheck-Signature"), append(req.body, ' '), time.Now()) != 0 {
			t.Fatal("the verifier accepts a changed body")
		}
		var body struct {
			ID, Type, CreatedAt, OrganisationID string
			Data                                map[string]string
		}
		dec := json.NewDecoder(strings.NewReader(string(req.body)))
		if err := dec.Decode(&body); err != nil {
			t.Fatal(err)
		}
		if body.ID != ev.ID || body.Type != "case.created" || body.Data["case_id"] != c.ID || req.header.Get("Bgcheck-Event-Id") != ev.ID ||
			req.header.Get("Bgcheck-Event-Type") != "case.created" || req.header.Get("Content-Type") != "application/json" {
			t.Fatalf("request %s %v", req.body, req.header)
		}
		for _, personal := range []string{nc.SubjectName, "Jens", "jens@example.dk", nc.EmployeeNumber, nc.Position} {
			if strings.Contains(strings.ToLower(string(req.body)), strings.ToLower(personal)) {
				t.Errorf("payload carries %q: %s", personal, req.body)
			}
		}
		d := h.onlyDelivery(t, owner, ep.ID)
		if d.Status != domain.DeliveryDelivered || d.Attempts != 1 || d.LastStatusCode != 204 || d.EventID != ev.ID || len(d.AttemptLog) != 1 {
			t.Fatalf("delivery log %+v", d)
		}
	})
}

func TestPayloadsNeverCarryPersonalData(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		h.endpoint(t, owner, r, "case.created", "case.cancelled", "case.invitation_sent")
		name, email, cpr := "Karen Prøvesen", "karen.proevesen@example.dk", "0101901234"
		nc := newCase(e.pkg(owner, "aviation_extended"), name, email)
		c, _, err := h.app.Cases().Create(as(owner), nc)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.app.Cases().Cancel(as(owner), c.ID, "Karen Prøvesen 010190-1234 withdrew her application"); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		reqs := r.requests()
		if len(reqs) != 2 {
			t.Fatalf("receiver got %d requests, want case.created and case.cancelled", len(reqs))
		}
		for _, req := range reqs {
			s := strings.ToLower(string(req.body))
			for _, personal := range []string{"karen", "prøvesen", email, cpr, "010190-1234", nc.EmployeeNumber, "withdrew"} {
				if strings.Contains(s, strings.ToLower(personal)) {
					t.Errorf("payload carries %q: %s", personal, req.body)
				}
			}
		}
	})
}

func TestFailingEndpointIsRetriedOnTheDocumentedScheduleThenGivenUp(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusInternalServerError)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		ep, _ := h.endpoint(t, owner, r, "case.created")
		if _, _, err := h.app.Cases().Create(as(owner), newCase(e.pkg(owner, "aviation_extended"), "Ole Olsen", "ole@example.dk")); err != nil {
			t.Fatal(err)
		}
		start := e.clock.now()
		var at []time.Duration
		for range 30 {
			h.run(t)
			d := h.onlyDelivery(t, owner, ep.ID)
			if d.Status != domain.DeliveryPending {
				break
			}
			at = append(at, d.NextAttemptAt.Sub(start))
			e.clock.t = d.NextAttemptAt
		}
		// docs/webhooks.md: attempt n after the first, in nominal times.
		want := []time.Duration{30 * time.Second, 90 * time.Second, 210 * time.Second, 450 * time.Second, 930 * time.Second, 1890 * time.Second,
			3810 * time.Second, 7650 * time.Second, 15330 * time.Second, 29730 * time.Second, 44130 * time.Second, 58530 * time.Second,
			72930 * time.Second, 24 * time.Hour}
		if len(at) != len(want) {
			t.Fatalf("retries at %v, want %v", at, want)
		}
		for i := range want {
			if at[i] != want[i] {
				t.Fatalf("retry %d at %v, want %v (all: %v)", i+2, at[i], want[i], at)
			}
		}
		d := h.onlyDelivery(t, owner, ep.ID)
		if d.Status != domain.DeliveryFailed || d.Attempts != 15 || len(d.AttemptLog) != 15 || len(r.requests()) != 15 {
			t.Fatalf("after 24 h: %+v, %d requests", d, len(r.requests()))
		}
		for _, a := range d.AttemptLog {
			if a.StatusCode != 500 || a.Snippet != "answer 500" {
				t.Fatalf("attempt %+v", a)
			}
		}
		e.clock.advance(48 * time.Hour)
		h.run(t)
		if len(r.requests()) != 15 {
			t.Fatal("a failed delivery was tried again")
		}
	})
}

func TestGoneStopsRetriesAndRedeliveryResends(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusGone)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		ep, secret := h.endpoint(t, owner, r, "case.created")
		if _, _, err := h.app.Cases().Create(as(owner), newCase(e.pkg(owner, "aviation_extended"), "Ole Olsen", "ole@example.dk")); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		d := h.onlyDelivery(t, owner, ep.ID)
		if d.Status != domain.DeliveryFailed || d.LastStatusCode != 410 || !d.NextAttemptAt.IsZero() {
			t.Fatalf("after 410: %+v", d)
		}
		e.clock.advance(time.Hour)
		h.run(t)
		if len(r.requests()) != 1 {
			t.Fatalf("retried after 410: %d requests", len(r.requests()))
		}

		r.answer(http.StatusOK)
		nd, err := h.app.Webhooks().Redeliver(as(owner), ep.ID, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		h.run(t)
		reqs := r.requests()
		if len(reqs) != 2 || reqs[1].header.Get("Bgcheck-Event-Id") != d.EventID || verifySignature(secret, reqs[1].header.Get("Bgcheck-Signature"), reqs[1].body, time.Now()) != 1 {
			t.Fatalf("redelivery: %d requests", len(reqs))
		}
		if got := h.delivery(t, owner, ep.ID, nd.ID); got.Status != domain.DeliveryDelivered || !got.Manual || got.EventID != d.EventID {
			t.Fatalf("redelivery log %+v", got)
		}
		if got := h.delivery(t, owner, ep.ID, d.ID); got.Status != domain.DeliveryFailed || got.Attempts != 1 {
			t.Fatalf("the original delivery changed: %+v", got)
		}
	})
}

func TestPingAndSecretRotation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		ep, oldSecret := h.endpoint(t, owner, r, "case.created")
		ping := func() received {
			t.Helper()
			before := len(r.requests())
			if _, err := h.app.Webhooks().Ping(as(owner), ep.ID); err != nil {
				t.Fatal(err)
			}
			h.run(t)
			reqs := r.requests()
			if len(reqs) != before+1 {
				t.Fatalf("ping: %d requests, want %d", len(reqs), before+1)
			}
			return reqs[len(reqs)-1]
		}
		p := ping()
		var body map[string]any
		if err := json.Unmarshal(p.body, &body); err != nil || body["type"] != "ping" || len(body["data"].(map[string]any)) != 0 {
			t.Fatalf("ping body %s %v", p.body, err)
		}
		if verifySignature(oldSecret, p.header.Get("Bgcheck-Signature"), p.body, time.Now()) != 1 {
			t.Fatal("ping not signed with the secret")
		}

		newSecret, err := h.app.Webhooks().RotateSecret(as(owner), ep.ID)
		if err != nil || newSecret == oldSecret || !strings.HasPrefix(newSecret, "whsec_") {
			t.Fatalf("rotate: %q %v", newSecret, err)
		}
		p = ping()
		sig := p.header.Get("Bgcheck-Signature")
		if strings.Count(sig, "v1=") != 2 || verifySignature(oldSecret, sig, p.body, time.Now()) != 1 || verifySignature(newSecret, sig, p.body, time.Now()) != 1 {
			t.Fatalf("during the grace period %q must verify with both secrets", sig)
		}

		e.clock.advance(app.SecretGrace + time.Second)
		p = ping()
		sig = p.header.Get("Bgcheck-Signature")
		if strings.Count(sig, "v1=") != 1 || verifySignature(newSecret, sig, p.body, time.Now()) != 1 || verifySignature(oldSecret, sig, p.body, time.Now()) != 0 {
			t.Fatalf("after the grace period %q must verify with the new secret only", sig)
		}

		page, err := h.app.Webhooks().Events(as(owner), "", 10)
		if err != nil || len(page.Events) != 0 || page.Next != "0" {
			t.Fatalf("pings listed in the event log: %+v %v", page, err)
		}
	})
}

func TestWebhookTargetsOutsideThePublicInternetAreRefused(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		strict := e.withWebhooks(r)
		_, owner := e.org("Alfa")
		for _, u := range []string{r.srv.URL + "/hook", "https://10.1.2.3/hook", "https://[::1]/hook", "https://localhost/hook",
			"https://169.254.169.254/latest", "http://hr.example/hook", "https://user:pw@hr.example/hook"} {
			_, _, err := strict.app.Webhooks().Create(as(owner), domain.WebhookEndpointInput{URL: u, Types: []string{"case.created"}})
			if domain.ErrorCode(err) != domain.EInvalid || domain.ErrorFields(err)["url"] != "webhook.error_target" {
				t.Errorf("%s: got %v, want the url refused", u, err)
			}
		}
		allowed := e.withWebhooks(r, loopback)
		if _, _, err := allowed.app.Webhooks().Create(as(owner), domain.WebhookEndpointInput{URL: r.srv.URL + "/hook", Types: []string{"case.created"}}); err != nil {
			t.Fatalf("allowlisted loopback refused: %v", err)
		}
		if _, _, err := allowed.app.Webhooks().Create(as(owner), domain.WebhookEndpointInput{URL: "https://10.1.2.3/hook", Types: []string{"case.created"}}); domain.ErrorCode(err) != domain.EInvalid {
			t.Fatalf("a private address outside the allowlist: %v", err)
		}
		for _, types := range [][]string{nil, {"case.exploded"}, {"ping"}} {
			_, _, err := allowed.app.Webhooks().Create(as(owner), domain.WebhookEndpointInput{URL: "https://hr.example/hook", Types: types})
			if domain.ErrorCode(err) != domain.EInvalid || domain.ErrorFields(err)["types"] == "" {
				t.Errorf("types %v: got %v, want refused", types, err)
			}
		}
	})
}

func TestWebhooksAreTenantScoped(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		_, ownerA := e.org("Alfa")
		_, ownerB := e.org("Beta")
		ep, _ := h.endpoint(t, ownerA, r, "case.created")
		if _, _, err := h.app.Cases().Create(as(ownerA), newCase(e.pkg(ownerA, "aviation_extended"), "Ole Olsen", "ole@example.dk")); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		d := h.onlyDelivery(t, ownerA, ep.ID)
		w, ctxB := h.app.Webhooks(), as(ownerB)
		if list, err := w.List(ctxB); err != nil || len(list) != 0 {
			t.Errorf("B lists %d endpoints, %v", len(list), err)
		}
		if page, err := w.Events(ctxB, "", 100); err != nil || len(page.Events) != 0 {
			t.Errorf("B reads %d events, %v", len(page.Events), err)
		}
		for name, call := range map[string]func() error{
			"Get": func() error { _, err := w.Get(ctxB, ep.ID); return err },
			"Update": func() error {
				_, err := w.Update(ctxB, ep.ID, domain.WebhookEndpointInput{URL: "https://hr.example/x", Types: []string{"case.created"}})
				return err
			},
			"RotateSecret": func() error { _, err := w.RotateSecret(ctxB, ep.ID); return err },
			"Ping":         func() error { _, err := w.Ping(ctxB, ep.ID); return err },
			"Deliveries":   func() error { _, err := w.Deliveries(ctxB, ep.ID, "", 10); return err },
			"Delivery":     func() error { _, err := w.Delivery(ctxB, ep.ID, d.ID); return err },
			"Redeliver":    func() error { _, err := w.Redeliver(ctxB, ep.ID, d.ID); return err },
			"Delete":       func() error { return w.Delete(ctxB, ep.ID) },
		} {
			if err := call(); !domain.IsNotFound(err) {
				t.Errorf("%s of A's endpoint as B: %v, want not found", name, err)
			}
		}
		if _, err := w.Get(as(ownerA), ep.ID); err != nil {
			t.Fatalf("A lost its endpoint: %v", err)
		}
	})
}

func TestWebhookPermissionsAndAudit(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		org, owner := e.org("Alfa")
		auditor := e.user(org.ID, "auditor@alfa.example", domain.RoleAuditor)
		handler := e.user(org.ID, "handler@alfa.example", domain.RoleCaseHandler)
		ep, _ := h.endpoint(t, owner, r, "case.created")
		w := h.app.Webhooks()
		if _, err := w.List(as(auditor)); err != nil {
			t.Errorf("auditor cannot read endpoints: %v", err)
		}
		if _, _, err := w.Create(as(auditor), domain.WebhookEndpointInput{URL: r.srv.URL, Types: []string{"case.created"}}); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("auditor created an endpoint: %v", err)
		}
		if _, err := w.List(as(handler)); domain.ErrorCode(err) != domain.EForbidden {
			t.Errorf("case handler reads endpoints: %v", err)
		}
		if _, err := w.Update(as(owner), ep.ID, domain.WebhookEndpointInput{URL: ep.URL, Types: []string{"case.submitted"}, Enabled: false}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.RotateSecret(as(owner), ep.ID); err != nil {
			t.Fatal(err)
		}
		if err := w.Delete(as(owner), ep.ID); err != nil {
			t.Fatal(err)
		}
		var actions []string
		err := e.db.Read(context.Background(), func(tx *store.Tx) error {
			entries, err := tx.AuditEntries(org.ID, domain.AuditFilter{Action: "webhook.", Limit: 10})
			for _, en := range entries {
				actions = append(actions, en.Action)
				if strings.Contains(en.Details["host"], "/") {
					t.Errorf("audit keeps more than the host: %v", en.Details)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(actions, " ")
		for _, a := range []string{"webhook.created", "webhook.updated", "webhook.secret_rotated", "webhook.deleted"} {
			if !strings.Contains(got, a) {
				t.Errorf("audit log %q lacks %s", got, a)
			}
		}
	})
}

func TestDisabledEndpointReceivesNothing(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		ep, _ := h.endpoint(t, owner, r, "case.created")
		if _, _, err := h.app.Cases().Create(as(owner), newCase(e.pkg(owner, "aviation_extended"), "Ole Olsen", "ole@example.dk")); err != nil {
			t.Fatal(err)
		}
		if _, err := h.app.Webhooks().Update(as(owner), ep.ID, domain.WebhookEndpointInput{URL: ep.URL, Types: ep.Types, Enabled: false}); err != nil {
			t.Fatal(err)
		}
		h.run(t)
		if n := len(r.requests()); n != 0 {
			t.Fatalf("disabled endpoint got %d requests", n)
		}
		if d := h.onlyDelivery(t, owner, ep.ID); d.Status != domain.DeliveryFailed || d.LastError != "endpoint disabled" {
			t.Fatalf("delivery %+v", d)
		}
	})
}

func TestFirstAttemptsGoOutInEventOrder(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := newReceiver(t, http.StatusOK)
		h := e.withWebhooks(r, loopback)
		_, owner := e.org("Alfa")
		h.endpoint(t, owner, r, "case.created", "case.cancelled")
		c, _, err := h.app.Cases().Create(as(owner), newCase(e.pkg(owner, "aviation_extended"), "Ole Olsen", "ole@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		if err := h.app.Cases().Cancel(as(owner), c.ID, "filled"); err != nil {
			t.Fatal(err)
		}
		// Another worker has taken case.created's job and not finished it
		// yet: case.cancelled must not overtake it.
		err = e.db.Write(context.Background(), func(tx *store.Tx) error {
			j, err := tx.ClaimJob("slow-worker", 30*time.Second)
			if err == nil && j.Kind != app.JobWebhookDeliver {
				t.Fatalf("first job is %s", j.Kind)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		h.run(t)
		if n := len(r.requests()); n != 0 {
			t.Fatalf("a later event went out before the earlier one: %d requests", n)
		}
		// The slow worker's lease runs out and its job runs again.
		e.clock.advance(31 * time.Second)
		h.run(t)
		var got []string
		for _, req := range r.requests() {
			got = append(got, req.header.Get("Bgcheck-Event-Type"))
		}
		if strings.Join(got, " ") != "case.created case.cancelled" {
			t.Fatalf("delivered %v, want case.created then case.cancelled", got)
		}
	})
}
