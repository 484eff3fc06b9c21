package portal

import (
	"net/http"
	"strings"
)

// Access says what a route needs before its handler runs.
type Access string

// Access rules of the route table.
const (
	// Infra routes serve assets: GET only, no state, no page.
	Infra Access = "infra"
	// Public routes carry no case link: the MitID callback, the language
	// switch and sign-out. A subject session, if present, is loaded.
	Public Access = "public"
	// Link routes open the case their link addresses; no sign-in is
	// needed. An unknown or closed link gets the "link not valid" page.
	Link Access = "link"
	// Subject routes need the link's case and a subject session bound to
	// that very case; a session for another case is refused with 403.
	Subject Access = "subject"
)

// Route is one line of the portal route table.
type Route struct {
	Method  string
	Pattern string
	Access  Access
	// Upload routes accept a multipart body up to the upload size and
	// read it as a stream; every other route is held to the form limit.
	Upload bool

	handler http.HandlerFunc
}

// routes is the whole portal route table.
func (s *Server) routes() []Route {
	return []Route{
		// Before sign-in: the notice, consent and the ways to sign in.
		{Method: "GET", Pattern: "/s/{link}", Access: Link, handler: s.landing},
		{Method: "POST", Pattern: "/s/{link}/consent", Access: Link, handler: s.consent},
		{Method: "POST", Pattern: "/s/{link}/login", Access: Link, handler: s.beginLogin},
		{Method: "GET", Pattern: "/s/callback", Access: Public, handler: s.callback},
		{Method: "POST", Pattern: "/s/{link}/email-code", Access: Link, handler: s.sendEmailCode},
		{Method: "GET", Pattern: "/s/{link}/email-code", Access: Link, handler: s.emailCodeForm},
		{Method: "POST", Pattern: "/s/{link}/email-code/verify", Access: Link, handler: s.verifyEmailCode},
		{Method: "POST", Pattern: "/s/lang", Access: Public, handler: s.setLanguage},
		{Method: "POST", Pattern: "/s/logout", Access: Public, handler: s.logout},

		// Signed in, for the link's own case only.
		{Method: "GET", Pattern: "/s/{link}/wizard", Access: Subject, handler: s.wizardStart},
		{Method: "GET", Pattern: "/s/{link}/wizard/{step}", Access: Subject, handler: s.stepForm},
		{Method: "POST", Pattern: "/s/{link}/wizard/{step}", Access: Subject, handler: s.stepSave},
		{Method: "POST", Pattern: "/s/{link}/wizard/{step}/upload", Access: Subject, Upload: true, handler: s.upload},
		{Method: "GET", Pattern: "/s/{link}/documents/{id}", Access: Subject, handler: s.document},
		{Method: "POST", Pattern: "/s/{link}/documents/{id}/delete", Access: Subject, handler: s.deleteDocument},
		{Method: "GET", Pattern: "/s/{link}/review", Access: Subject, handler: s.review},
		{Method: "POST", Pattern: "/s/{link}/submit", Access: Subject, handler: s.submit},
		{Method: "GET", Pattern: "/s/{link}/status", Access: Subject, handler: s.status},
		{Method: "GET", Pattern: "/s/{link}/consent/{category}/withdraw", Access: Subject, handler: s.withdrawForm},
		{Method: "POST", Pattern: "/s/{link}/consent/{category}/withdraw", Access: Subject, handler: s.withdraw},

		// Machinery.
		{Method: "GET", Pattern: "/s/portal.css", Access: Infra, handler: s.stylesheet},
	}
}

// Routes returns the portal route table without handlers, for tests that
// walk every route.
func Routes() []Route {
	rs := (&Server{}).routes()
	for i := range rs {
		rs[i].handler = nil
	}
	return rs
}

// fixedSegments are the first path segments under Prefix that are not a
// case link.
var fixedSegments = map[string]bool{"callback": true, "lang": true, "logout": true, "portal.css": true}

// Owns reports whether path belongs to the portal.
func Owns(path string) bool { return strings.HasPrefix(path, Prefix) }

// RedactPath replaces the case link in a portal path with "REDACTED", so
// that a link never reaches a log; the rest of the path (the step, a
// document id) stays readable. Other paths are returned unchanged.
func RedactPath(p string) string {
	if !Owns(p) {
		return p
	}
	link, rest, more := strings.Cut(p[len(Prefix):], "/")
	if link == "" || fixedSegments[link] {
		return p
	}
	if more {
		return Prefix + "REDACTED/" + rest
	}
	return Prefix + "REDACTED"
}
