package cvr

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bgcheck/bgcheck/internal/rules"
	"github.com/bgcheck/bgcheck/internal/sources"
)

func TestCompanyByNumberReadsTheDocument(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "virksomhed.json")
	c := newTestClient(t, srv, nil)
	co, err := c.CompanyByNumber(context.Background(), "DK 41 00 00 28")
	if err != nil {
		t.Fatal(err)
	}
	if co.CVR != "41000028" || co.Name != "Kattegat Transport ApS" || co.Form != "APS" || co.Status != "NORMAL" || !co.Active {
		t.Errorf("company = %+v", co)
	}
	if len(co.Names) != 2 || co.Names[0].Period.To != rules.MustDate("2016-05-31") {
		t.Errorf("names = %+v", co.Names)
	}
	if co.Period.From != rules.MustDate("2012-03-01") || !co.Period.IsOpen() {
		t.Errorf("period = %+v", co.Period)
	}
	if co.Address != (rules.Address{Street: "Havnegade 40", PostalCode: "8000", City: "Aarhus C", Country: "DK"}) {
		t.Errorf("address = %+v", co.Address)
	}
	want := []RoleSpan{
		{Role: rules.RoleDirector, Functions: []string{"DIREKTØR"}, Period: rules.Period{From: rules.MustDate("2012-03-01")}},
		{Role: rules.RoleOwner, Period: rules.Period{From: rules.MustDate("2012-03-01")}},
	}
	if len(co.Participants) != 1 || co.Participants[0].Name != "Henrik Havgaard" || !equalSpans(co.Participants[0].Roles, want) {
		t.Errorf("participants = %+v", co.Participants)
	}
	if len(co.Problems) != 0 {
		t.Errorf("problems = %q", co.Problems)
	}
	body := string(f.log()[0].Body)
	if !strings.Contains(body, `"term":{"Vrvirksomhed.cvrNummer":41000028}`) {
		t.Errorf("request body = %s", body)
	}
}

func equalSpans(a, b []RoleSpan) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func TestCompanyByNumberNotFound(t *testing.T) {
	_, srv := newFake(t)
	_, err := newTestClient(t, srv, nil).CompanyByNumber(context.Background(), "41000011")
	if !sources.IsNotFound(err) {
		t.Errorf("err = %v, want not found", err)
	}
}

func TestCompanyByNumberRefusesANonNumberWithoutAsking(t *testing.T) {
	f, srv := newFake(t)
	for _, n := range []string{"", "1234567", "123456789", "01234567", "4100002X"} {
		if _, err := newTestClient(t, srv, nil).CompanyByNumber(context.Background(), n); !sources.IsInvalid(err) {
			t.Errorf("%q: err = %v, want invalid", n, err)
		}
	}
	if len(f.log()) != 0 {
		t.Errorf("%d requests sent for invalid numbers", len(f.log()))
	}
}

func TestCompaniesByName(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "virksomhed.json")
	c := newTestClient(t, srv, nil)
	cos, err := c.CompaniesByName(context.Background(), "Kattegat Transport")
	if err != nil || len(cos) != 1 || cos[0].CVR != "41000028" {
		t.Fatalf("CompaniesByName = %+v, %v", cos, err)
	}
	var b searchBody
	_ = json.Unmarshal(f.log()[0].Body, &b)
	if b.From == nil || *b.From != 0 || b.Size != DefaultNameResults {
		t.Errorf("from/size = %v/%d", b.From, b.Size)
	}
	if cos, err := c.CompaniesByName(context.Background(), "Ingen Sådan"); err != nil || len(cos) != 0 {
		t.Errorf("no match = %+v, %v; want an empty list", cos, err)
	}
	if _, err := c.CompaniesByName(context.Background(), "  "); !sources.IsInvalid(err) {
		t.Errorf("blank name: %v", err)
	}
}

func TestClientRefusesBadCredentialsAsUnavailable(t *testing.T) {
	f, srv := newFake(t)
	f.addFile(t, "virksomhed.json")
	c := newTestClient(t, srv, func(c *Config) { c.Password = "wrong" })
	_, err := c.CompanyByNumber(context.Background(), "41000028")
	if !sources.IsUnavailable(err) || !errors.Is(err, sources.ErrUnauthorized) {
		t.Errorf("err = %v, want unavailable ErrUnauthorized", err)
	}
}

func TestClientClassifiesBadAnswers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		header string
		body   string
		check  func(error) bool
		retry  time.Duration
	}{
		{"503 with Retry-After", 503, "7", "", func(e error) bool { return sources.IsUnavailable(e) }, 7 * time.Second},
		{"500", 500, "", "oops", func(e error) bool { return sources.IsUnavailable(e) }, 0},
		{"400", 400, "", `{"error":"parse"}`, func(e error) bool { return sources.IsInvalid(e) }, 0},
		{"not JSON", 200, "", `{"hits":`, func(e error) bool { return errors.Is(e, sources.ErrMalformed) }, 0},
		{"timed out", 200, "", `{"timed_out":true,"hits":{"hits":[]}}`, func(e error) bool { return errors.Is(e, sources.ErrPartial) }, 0},
		{"shard failed", 200, "", `{"_shards":{"total":6,"failed":2},"hits":{"hits":[]}}`, func(e error) bool { return errors.Is(e, sources.ErrPartial) }, 0},
		{"wrong document", 200, "", `{"hits":{"total":1,"hits":[{"_source":{"Other":{}}}]}}`, func(e error) bool { return errors.Is(e, sources.ErrMalformed) }, 0},
		{"wrong types", 200, "", `{"hits":{"total":1,"hits":[{"_source":{"Vrvirksomhed":{"cvrNummer":"x"}}}]}}`, func(e error) bool { return errors.Is(e, sources.ErrMalformed) }, 0},
	} {
		f, srv := newFake(t)
		f.fail = func(_ int, w http.ResponseWriter, _ *http.Request) bool {
			if tc.header != "" {
				w.Header().Set("Retry-After", tc.header)
			}
			w.WriteHeader(tc.status)
			_, _ = w.Write([]byte(tc.body))
			return true
		}
		_, err := newTestClient(t, srv, nil).CompanyByNumber(context.Background(), "41000028")
		if !tc.check(err) || sources.RetryAfter(err) != tc.retry {
			t.Errorf("%s: err = %v, RetryAfter = %v", tc.name, err, sources.RetryAfter(err))
		}
	}
}

func TestNewClientChecksItsConfiguration(t *testing.T) {
	for _, cfg := range []Config{
		{BaseURL: "ftp://x", Username: "u", Password: "p"},
		{BaseURL: "distribution.virk.dk", Username: "u", Password: "p"},
		{BaseURL: "http://distribution.virk.dk", Username: "u", Password: "p"},
		{BaseURL: "https://distribution.virk.dk", Username: "u"},
	} {
		if _, err := NewClient(cfg); err == nil {
			t.Errorf("NewClient(%+v) accepted", cfg)
		}
	}
	for _, cfg := range []Config{
		{BaseURL: "https://distribution.virk.dk/", Username: "u", Password: "p"},
		{BaseURL: "http://127.0.0.1:9200", Username: "u", Password: "p"},
		{BaseURL: "http://cvr.internal", Username: "u", Password: "p", AllowPlainHTTP: true},
	} {
		if _, err := NewClient(cfg); err != nil {
			t.Errorf("NewClient(%+v): %v", cfg, err)
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "30": 30 * time.Second, "-1": 0, "soon": 0,
		"Mon, 23 Nov 2026 09:01:00 GMT": time.Minute,
		"Mon, 23 Nov 2026 08:00:00 GMT": 0,
	} {
		if got := retryAfter(v, now); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", v, got, want)
		}
	}
}
