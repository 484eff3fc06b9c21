package store_test

import (
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/store"
	"github.com/bgcheck/bgcheck/internal/store/storetest"
)

// mustCase inserts a case (with subject and package) in org.
func mustCase(t *testing.T, db *store.DB, orgID string) *store.CaseRow {
	t.Helper()
	var r *store.CaseRow
	mustWrite(t, db, func(tx *store.Tx) error {
		p, err := tx.CreatePackage(orgID, "", domain.PackageTemplates[0])
		if err != nil {
			return err
		}
		s := &store.SubjectRow{ID: store.NewID(), OrgID: orgID, NameEnc: []byte("x"), EmailEnc: []byte("x")}
		if err := tx.CreateSubject(s); err != nil {
			return err
		}
		r = &store.CaseRow{Case: domain.Case{ID: store.NewID(), OrgID: orgID, SubjectID: s.ID, PackageID: p.ID, PackageVersion: p.Version,
			Status: domain.CaseInvited, Language: "da"}}
		return tx.CreateCase(r, nil)
	})
	return r
}

func mustEndpoint(t *testing.T, db *store.DB, orgID string, enabled bool, types ...string) *store.WebhookEndpointRow {
	t.Helper()
	r := &store.WebhookEndpointRow{WebhookEndpoint: domain.WebhookEndpoint{ID: store.NewID(), OrgID: orgID, URL: "https://hr.example/hook",
		Types: types, Enabled: enabled, CreatedBy: "u"}, SecretEnc: []byte("enc")}
	mustWrite(t, db, func(tx *store.Tx) error { return tx.CreateWebhookEndpoint(r) })
	return r
}

func events(t *testing.T, db *store.DB, orgID string, after int64) []*domain.Event {
	t.Helper()
	var evs []*domain.Event
	if err := db.Read(ctx, func(tx *store.Tx) (err error) { evs, err = tx.Events(orgID, after, 100, "ping"); return err }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func deliveries(t *testing.T, db *store.DB, orgID, endpointID string) []*domain.WebhookDelivery {
	t.Helper()
	var ds []*domain.WebhookDelivery
	if err := db.Read(ctx, func(tx *store.Tx) (err error) { ds, err = tx.WebhookDeliveries(orgID, endpointID, "", 100); return err }); err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestTimelineActionsThatMapToEventTypesEnterTheEventLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "A")
		c := mustCase(t, db, org.ID)
		sys := domain.Actor{Type: domain.ActorSystem, Label: "system"}
		mustWrite(t, db, func(tx *store.Tx) error {
			for _, a := range []struct {
				action  string
				details map[string]string
			}{
				{"case.created", map[string]string{"package": "Standard"}},
				{"wizard.step_saved", nil}, // timeline only
				{"consent.withdrawn", map[string]string{"category": "criminal_record"}},
				{"case.reminder_sent", nil}, // timeline only
			} {
				if err := tx.AddCaseEvent(org.ID, c.ID, sys, a.action, a.details); err != nil {
					return err
				}
			}
			if err := tx.SetCaseStatus(org.ID, c.ID, domain.CaseApproved); err != nil {
				return err
			}
			return tx.AddCaseEvent(org.ID, c.ID, sys, "case.decided", map[string]string{"reason": "free text never copied"})
		})
		evs := events(t, db, org.ID, 0)
		if len(evs) != 3 {
			t.Fatalf("got %d events, want 3: %+v", len(evs), evs)
		}
		want := []domain.Event{
			{Seq: 1, Type: "case.created", Data: domain.EventData{CaseID: c.ID, PackageID: c.PackageID, Status: "invited"}},
			{Seq: 2, Type: "consent.withdrawn", Data: domain.EventData{CaseID: c.ID, PackageID: c.PackageID, Status: "invited", Category: "criminal_record"}},
			{Seq: 3, Type: "case.decided", Data: domain.EventData{CaseID: c.ID, PackageID: c.PackageID, Status: "approved", Outcome: "approved"}},
		}
		for i, w := range want {
			got := evs[i]
			if got.Seq != w.Seq || got.Type != w.Type || got.Data != w.Data || got.OrgID != org.ID || got.ID == "" || got.CreatedAt.IsZero() {
				t.Errorf("event %d: got %+v, want %+v", i, got, w)
			}
		}
		if tail := events(t, db, org.ID, 2); len(tail) != 1 || tail[0].Seq != 3 {
			t.Errorf("events after cursor 2: %+v", tail)
		}
	})
}

func TestEventSequencesArePerOrganisationAndTenantScoped(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a, b := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		epA := mustEndpoint(t, db, a.ID, true, "case.created")
		var evA *domain.Event
		mustWrite(t, db, func(tx *store.Tx) error {
			for _, org := range []string{a.ID, b.ID, a.ID} {
				ev := &domain.Event{OrgID: org, Type: "employee.recheck_due", Data: domain.EventData{EmployeeID: store.NewID()}}
				if err := tx.AppendEvent(ev); err != nil {
					return err
				}
				if org == a.ID {
					evA = ev
				}
			}
			return nil
		})
		if got := events(t, db, a.ID, 0); len(got) != 2 || got[0].Seq != 1 || got[1].Seq != 2 {
			t.Fatalf("org A events: %+v", got)
		}
		if got := events(t, db, b.ID, 0); len(got) != 1 || got[0].Seq != 1 || got[0].OrgID != b.ID {
			t.Fatalf("org B events: %+v", got)
		}
		err := db.Read(ctx, func(tx *store.Tx) error {
			if _, err := tx.Event(b.ID, evA.ID); !domain.IsNotFound(err) {
				t.Errorf("A's event through B: %v", err)
			}
			if _, err := tx.WebhookEndpoint(b.ID, epA.ID); !domain.IsNotFound(err) {
				t.Errorf("A's endpoint through B: %v", err)
			}
			eps, err := tx.WebhookEndpoints(b.ID)
			if err != nil || len(eps) != 0 {
				t.Errorf("B lists %d endpoints, %v", len(eps), err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.DeleteWebhookEndpoint(b.ID, epA.ID) }); !domain.IsNotFound(err) {
			t.Fatalf("B deleted A's endpoint: %v", err)
		}
	})
}

func TestAppendEventQueuesOneDeliveryPerEnabledSubscribedEndpoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org, other := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		subscribed := mustEndpoint(t, db, org.ID, true, "case.created", "case.submitted")
		otherType := mustEndpoint(t, db, org.ID, true, "case.submitted")
		disabled := mustEndpoint(t, db, org.ID, false, "case.created")
		otherOrg := mustEndpoint(t, db, other.ID, true, "case.created")
		c := mustCase(t, db, org.ID)
		mustWrite(t, db, func(tx *store.Tx) error {
			return tx.AddCaseEvent(org.ID, c.ID, domain.Actor{Type: domain.ActorSystem}, "case.created", nil)
		})
		for _, x := range []struct {
			name string
			ep   *store.WebhookEndpointRow
			want int
		}{{"subscribed", subscribed, 1}, {"other type", otherType, 0}, {"disabled", disabled, 0}, {"other organisation", otherOrg, 0}} {
			if got := len(deliveries(t, db, x.ep.OrgID, x.ep.ID)); got != x.want {
				t.Errorf("%s endpoint: %d deliveries, want %d", x.name, got, x.want)
			}
		}
		d := deliveries(t, db, org.ID, subscribed.ID)[0]
		if d.Status != domain.DeliveryPending || d.EventType != "case.created" || d.Attempts != 0 {
			t.Fatalf("delivery %+v", d)
		}
		var js []*store.Job
		mustWrite(t, db, func(tx *store.Tx) (err error) { js, err = tx.Jobs(store.JobWebhookDeliver, 10); return err })
		if len(js) != 1 || string(js[0].Payload) != d.ID || js[0].OrgID != org.ID {
			t.Fatalf("jobs %+v", js)
		}
	})
}

func TestDeliveryAttemptsAreLoggedAndRescheduled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org, other := mustOrg(t, db, "A"), mustOrg(t, db, "B")
		ep := mustEndpoint(t, db, org.ID, true, "employee.recheck_due")
		var d *domain.WebhookDelivery
		mustWrite(t, db, func(tx *store.Tx) error {
			ev := &domain.Event{OrgID: org.ID, Type: "ping"}
			if err := tx.AppendEvent(ev); err != nil {
				return err
			}
			var err error
			d, err = tx.CreateDelivery(org.ID, ep.ID, ev, true)
			return err
		})
		t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		next := t0.Add(30 * time.Second)
		mustWrite(t, db, func(tx *store.Tx) error {
			a := domain.WebhookAttempt{N: 1, At: t0, StatusCode: 500, Duration: 120 * time.Millisecond, Snippet: "oops"}
			if err := tx.RecordDeliveryAttempt(org.ID, d.ID, a, domain.DeliveryPending, next); err != nil {
				return err
			}
			return tx.RecordDeliveryAttempt(org.ID, d.ID, domain.WebhookAttempt{N: 2, At: next, StatusCode: 204}, domain.DeliveryDelivered, time.Time{})
		})
		var got *domain.WebhookDelivery
		mustWrite(t, db, func(tx *store.Tx) (err error) { got, err = tx.WebhookDelivery(org.ID, d.ID); return err })
		if got.Status != domain.DeliveryDelivered || got.Attempts != 2 || !got.FirstAttemptAt.Equal(t0) || got.LastStatusCode != 204 || !got.NextAttemptAt.IsZero() {
			t.Fatalf("delivery %+v", got)
		}
		if len(got.AttemptLog) != 2 || got.AttemptLog[0].StatusCode != 500 || got.AttemptLog[0].Snippet != "oops" ||
			got.AttemptLog[0].Duration != 120*time.Millisecond || got.AttemptLog[1].StatusCode != 204 {
			t.Fatalf("attempts %+v", got.AttemptLog)
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			if _, err := tx.WebhookDelivery(other.ID, d.ID); !domain.IsNotFound(err) {
				t.Errorf("A's delivery through B: %v", err)
			}
			if ds, err := tx.WebhookDeliveries(other.ID, ep.ID, "", 10); err != nil || len(ds) != 0 {
				t.Errorf("A's delivery log through B: %d, %v", len(ds), err)
			}
			if err := tx.RecordDeliveryAttempt(other.ID, d.ID, domain.WebhookAttempt{N: 3, At: t0}, domain.DeliveryFailed, time.Time{}); !domain.IsNotFound(err) {
				t.Errorf("B recorded an attempt on A's delivery: %v", err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestDeliveryLogPagesNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "A")
		ep := mustEndpoint(t, db, org.ID, true, "case.created")
		var ids []string
		mustWrite(t, db, func(tx *store.Tx) error {
			for range 5 {
				ev := &domain.Event{OrgID: org.ID, Type: "ping"}
				if err := tx.AppendEvent(ev); err != nil {
					return err
				}
				d, err := tx.CreateDelivery(org.ID, ep.ID, ev, true)
				if err != nil {
					return err
				}
				ids = append(ids, d.ID)
			}
			return nil
		})
		var page1, page2 []*domain.WebhookDelivery
		mustWrite(t, db, func(tx *store.Tx) (err error) {
			if page1, err = tx.WebhookDeliveries(org.ID, ep.ID, "", 3); err != nil {
				return err
			}
			page2, err = tx.WebhookDeliveries(org.ID, ep.ID, page1[2].ID, 3)
			return err
		})
		var got []string
		for _, d := range append(page1, page2...) {
			got = append(got, d.ID)
		}
		want := []string{ids[4], ids[3], ids[2], ids[1], ids[0]}
		if len(got) != len(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
	})
}

func TestEarlierFirstAttemptHoldsLaterDeliveriesBack(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		org := mustOrg(t, db, "A")
		ep := mustEndpoint(t, db, org.ID, true, "employee.recheck_due")
		var first, second *domain.WebhookDelivery
		mustWrite(t, db, func(tx *store.Tx) error {
			for _, d := range []**domain.WebhookDelivery{&first, &second} {
				ev := &domain.Event{OrgID: org.ID, Type: "employee.recheck_due", Data: domain.EventData{EmployeeID: store.NewID()}}
				if err := tx.AppendEvent(ev); err != nil {
					return err
				}
				ds, err := tx.WebhookDeliveries(org.ID, ep.ID, "", 1)
				if err != nil {
					return err
				}
				*d = ds[0]
			}
			return nil
		})
		waits := func(d *domain.WebhookDelivery, notBefore time.Time) bool {
			var w bool
			mustWrite(t, db, func(tx *store.Tx) (err error) { w, err = tx.EarlierFirstAttemptDue(d, notBefore); return err })
			return w
		}
		if !waits(second, time.Time{}) {
			t.Error("the later event does not wait for the earlier one's first attempt")
		}
		if waits(first, time.Time{}) {
			t.Error("the earlier event waits for the later one")
		}
		if waits(second, first.CreatedAt.Add(time.Millisecond)) {
			t.Error("a delivery queued before the window still holds others back")
		}
		mustWrite(t, db, func(tx *store.Tx) error {
			return tx.RecordDeliveryAttempt(org.ID, first.ID, domain.WebhookAttempt{N: 1, At: tx.Now, StatusCode: 500}, domain.DeliveryPending, tx.Now.Add(time.Minute))
		})
		if waits(second, time.Time{}) {
			t.Error("a retry holds later events back")
		}
	})
}
