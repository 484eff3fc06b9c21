package api_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/time/rate"

	"github.com/bgcheck/bgcheck/internal/domain"
	"github.com/bgcheck/bgcheck/internal/i18n"
	"github.com/bgcheck/bgcheck/internal/web/api"
)

// The parts of an OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                          `json:"openapi"`
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Responses map[string]responseDoc `json:"responses"`
	} `json:"components"`
}

type operation struct {
	OperationID string                 `json:"operationId"`
	Scope       string                 `json:"x-scope"`
	Security    *[]map[string][]string `json:"security"`
	RequestBody *struct {
		Content map[string]struct {
			Example json.RawMessage `json:"example"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]responseDoc `json:"responses"`
}

type responseDoc struct {
	Ref     string                     `json:"$ref"`
	Content map[string]json.RawMessage `json:"content"`
}

const docURL = "https://bgcheck.test/openapi.json"

func loadDoc(t *testing.T) *openAPIDoc {
	t.Helper()
	var d openAPIDoc
	if err := json.Unmarshal(api.OpenAPI, &d); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if d.OpenAPI != "3.1.0" {
		t.Fatalf("openapi version %q", d.OpenAPI)
	}
	return &d
}

// TestOpenAPIMatchesRoutes fails when a route is missing from the
// document, the document describes a route that does not exist, or the
// two disagree about the scope an operation needs.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	doc := loadDoc(t)
	documented := map[string]operation{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented[strings.ToUpper(method)+" "+path] = op
		}
	}
	routed := map[string]bool{}
	for _, rt := range api.Routes() {
		k := rt.Method + " " + rt.Pattern
		routed[k] = true
		op, ok := documented[k]
		switch {
		case !ok:
			t.Errorf("route %s is not in openapi.json", k)
		case op.Scope != string(rt.Scope):
			t.Errorf("%s: document says scope %q, route table %q", k, op.Scope, rt.Scope)
		case rt.Scope == api.Public && (op.Security == nil || len(*op.Security) != 0):
			t.Errorf("%s is public but the document asks for a key", k)
		case rt.Scope != api.Public && op.Security != nil:
			t.Errorf("%s needs a key but the document overrides security", k)
		}
	}
	for k := range documented {
		if !routed[k] {
			t.Errorf("openapi.json documents %s, which no route serves", k)
		}
	}
}

func TestOpenAPIDocumentIsServedWithoutAKey(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		r := e.do(req{method: "GET", path: "/api/v1/openapi.json"})
		if r.status != http.StatusOK || !bytes.Equal(r.body, api.OpenAPI) || r.header.Get("Content-Type") != "application/json" {
			t.Fatalf("%d %q", r.status, r.header.Get("Content-Type"))
		}
	})
}

// validator compiles the schemas of the document's responses.
type validator struct {
	c     *jsonschema.Compiler
	cache map[string]*jsonschema.Schema
}

func newValidator(t *testing.T) *validator {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(api.OpenAPI))
	must(t, err)
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	must(t, c.AddResource(docURL, doc))
	return &validator{c: c, cache: map[string]*jsonschema.Schema{}}
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// check validates r against what the document says operation (path,
// method) answers with r's status.
func (v *validator) check(t *testing.T, doc *openAPIDoc, path, method string, r response) {
	t.Helper()
	op := doc.Paths[path][method]
	code := fmt.Sprint(r.status)
	resp, ok := op.Responses[code]
	if !ok {
		t.Fatalf("%s %s answered %d, which the document does not list: %s", method, path, r.status, r.body)
	}
	loc := "#/paths/" + pointerEscape(path) + "/" + method + "/responses/" + code
	if resp.Ref != "" {
		loc = resp.Ref
		resp = doc.Components.Responses[strings.TrimPrefix(resp.Ref, "#/components/responses/")]
	}
	ct := r.header.Get("Content-Type")
	if _, ok := resp.Content[ct]; !ok {
		t.Fatalf("%s %s %d: content type %q is not documented (%v)", method, path, r.status, ct, resp.Content)
	}
	loc += "/content/" + pointerEscape(ct) + "/schema"
	sch, ok := v.cache[loc]
	if !ok {
		var err error
		if sch, err = v.c.Compile(docURL + loc); err != nil {
			t.Fatalf("compile %s: %v", loc, err)
		}
		v.cache[loc] = sch
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("%s %s %d: body is not JSON: %v", method, path, r.status, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s %s %d: body does not match the documented schema: %v\n%s", method, path, r.status, err, r.body)
	}
}

// TestContract drives every operation of the document — its example
// request, and every failure it documents — and validates each answer
// against the documented schema. Every documented status must be
// produced at least once.
func TestContract(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		doc, v := loadDoc(t), newValidator(t)
		cat, err := i18n.New()
		must(t, err)
		limited, err := api.New(api.Config{Rate: rate.Every(time.Hour), Burst: 1}, api.Deps{
			APIKeys: e.app.APIKeys(), Idempotency: e.app.Idempotency(), Packages: e.app.Packages(), Cases: e.app.Cases(), Cat: cat,
		})
		must(t, err)
		for path, ops := range doc.Paths {
			for method, op := range ops {
				t.Run(op.OperationID, func(t *testing.T) {
					seen := map[int]bool{}
					for _, sc := range e.scenarios(doc, path, method, op) {
						h := e.h
						if sc.limited {
							h = limited
						}
						for _, q := range sc.before {
							serve(h, q)
						}
						r := serve(h, sc.req)
						if r.status != sc.want {
							t.Errorf("%s: status %d, want %d: %s", sc.name, r.status, sc.want, r.body)
							continue
						}
						v.check(t, doc, path, method, r)
						seen[r.status] = true
					}
					for code := range op.Responses {
						var n int
						fmt.Sscan(code, &n)
						if !seen[n] {
							t.Errorf("documented status %s was never produced", code)
						}
					}
				})
			}
		}
	})
}

// scenario is one request with the status it must get; before runs first.
type scenario struct {
	name    string
	req     req
	before  []req
	want    int
	limited bool // sent to the server with a rate limit of one request
}

// scenarios derives requests for one operation from the document: its
// success with the documented example, and each documented failure.
func (e *env) scenarios(doc *openAPIDoc, path, method string, op operation) []scenario {
	t := e.t
	m := strings.ToUpper(method)
	example := "{}"
	if op.RequestBody != nil {
		example = string(op.RequestBody.Content["application/json"].Example)
		example = strings.ReplaceAll(example, "0195a3b2-7c1d-7f00-9a51-2b6c3d4e5f60", e.a.pkgID)
	}
	body := func() string {
		if m == http.MethodPost {
			return example
		}
		return ""
	}
	fill := func(bogus bool) string {
		if bogus {
			return strings.NewReplacer("{id}", "no-such-id", "{key}", "no-such-key").Replace(path)
		}
		id := e.a.caseID
		switch {
		case strings.HasPrefix(path, "/api/v1/packages/"):
			id = e.a.pkgID
		case strings.Contains(path, "/findings"):
			id = e.a.analysed
		case m == http.MethodPost:
			// Each state-changing request gets a case of its own.
			c, _, err := e.app.Cases().Create(e.as(e.a.owner), domain.NewCase{PackageID: e.a.pkgID, SubjectName: "Kontrakt Person", SubjectEmail: "kontrakt@example.org"})
			must(t, err)
			id = c.ID
		}
		return strings.NewReplacer("{id}", id, "{key}", e.a.finding).Replace(path)
	}
	success := 0
	for code := range op.Responses {
		if code[0] == '2' {
			fmt.Sscan(code, &success)
		}
	}
	out := []scenario{{name: "documented example", req: req{method: m, path: fill(false), key: e.a.key, body: body()}, want: success}}
	if op.Scope == "" {
		out[0].req.key = ""
		return out
	}
	if _, ok := op.Responses["401"]; ok {
		out = append(out, scenario{name: "no key", req: req{method: m, path: fill(false), body: body()}, want: 401})
	}
	if _, ok := op.Responses["403"]; ok {
		other := domain.ScopePackagesRead
		if op.Scope == string(other) {
			other = domain.ScopeCasesRead
		}
		out = append(out, scenario{name: "missing scope", req: req{method: m, path: fill(false), key: e.keyWith(e.a, other), body: body()}, want: 403})
	}
	if _, ok := op.Responses["404"]; ok {
		out = append(out, scenario{name: "unknown id", req: req{method: m, path: fill(true), key: e.a.key, body: body()}, want: 404})
	}
	if _, ok := op.Responses["429"]; ok {
		q := req{method: m, path: fill(false), key: e.keyWith(e.a, domain.APIScope(op.Scope)), body: body()}
		out = append(out, scenario{name: "rate limited", before: []req{q}, req: q, want: 429, limited: true})
	}
	if _, ok := op.Responses["400"]; ok {
		q := req{method: m, path: fill(false) + "?unknown_parameter=1", key: e.a.key}
		if m == http.MethodPost {
			q = req{method: m, path: fill(false), key: e.a.key, body: strings.Replace(example, "{", `{"unknown_field":1,`, 1)}
			if example == "{}" {
				q.body = `{"unknown_field":1}`
			}
		}
		out = append(out, scenario{name: "unknown input", req: q, want: 400})
	}
	if m != http.MethodPost {
		return out
	}
	out = append(out,
		scenario{name: "oversized body", req: req{method: m, path: fill(false), key: e.a.key, body: `{"x":"` + strings.Repeat("x", 1<<20) + `"}`}, want: 413},
		scenario{name: "not JSON", req: req{method: m, path: fill(false), key: e.a.key, body: "x", contentType: "text/plain"}, want: 415},
	)
	reused := fill(false)
	out = append(out, scenario{name: "idempotency key reused with another body",
		before: []req{{method: m, path: reused, key: e.a.key, body: example, headers: map[string]string{"Idempotency-Key": "contract-reuse-" + path}}},
		req:    req{method: m, path: reused, key: e.a.key, body: example + " ", headers: map[string]string{"Idempotency-Key": "contract-reuse-" + path}},
		want:   422})
	// A request still running under the same key: its reservation is made
	// the way the first request makes it.
	busy := fill(false)
	keyCtx := domain.WithActor(context.Background(), domain.Actor{Type: domain.ActorAPIKey, ID: e.a.keyID, OrgID: e.a.org.ID})
	sum := sha256Of(example)
	if _, ok, err := e.app.Idempotency().Begin(keyCtx, domain.IdempotencyRecord{Key: "contract-busy-" + path, Request: m + " " + busy, BodyHash: sum}); err != nil || !ok {
		t.Fatalf("reserve: %v %v", ok, err)
	}
	out = append(out, scenario{name: "idempotency key in use",
		req:  req{method: m, path: busy, key: e.a.key, body: example, headers: map[string]string{"Idempotency-Key": "contract-busy-" + path}},
		want: 409})
	return out
}

func sha256Of(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}
