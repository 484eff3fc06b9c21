package domain

import "context"

type ctxKey int

const (
	actorKey ctxKey = iota
	requestKey
)

// Actor is who performs an action: a company user, a subject, the system or
// an operator on the command line.
type Actor struct {
	Type  ActorType
	ID    string // user id, subject id, or "" for system
	OrgID string // the tenant the actor acts within; "" for operators
	Role  Role   // company users only
	Label string // e-mail or a short description; never a CPR number
	// Perms are what an API key may do (from its scopes); API keys only.
	Perms []Permission
}

// ActorType tells what kind of party an Actor is.
type ActorType string

// Actor types.
const (
	ActorUser     ActorType = "user"
	ActorSubject  ActorType = "subject"
	ActorSystem   ActorType = "system"
	ActorOperator ActorType = "operator"
	ActorAPIKey   ActorType = "api_key"
)

// RequestInfo carries request metadata that audit entries record.
type RequestInfo struct {
	ID   string // request id
	IP   string
	Lang string // the user's interface language, "da" or "en"
}

// WithActor returns ctx carrying a.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey, a)
}

// ActorFrom returns the actor in ctx, or the system actor when none is set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey).(Actor); ok {
		return a
	}
	return Actor{Type: ActorSystem, Label: "system"}
}

// WithRequest returns ctx carrying r.
func WithRequest(ctx context.Context, r RequestInfo) context.Context {
	return context.WithValue(ctx, requestKey, r)
}

// RequestFrom returns the request info in ctx, or the zero value.
func RequestFrom(ctx context.Context) RequestInfo {
	r, _ := ctx.Value(requestKey).(RequestInfo)
	return r
}
