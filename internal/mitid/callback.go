package mitid

import "net/url"

// CallbackParams reads the query of the broker's redirect to the portal.
// It returns the code and state of a successful login, or a
// *domain.Error: "error.mitid_cancelled" when the subject cancelled
// (access_denied), "error.mitid_login" for any other broker error or a
// missing code. The state is returned either way so the portal can find
// and discard the pending login.
func CallbackParams(q url.Values) (code, state string, err error) {
	state = q.Get("state")
	switch e := q.Get("error"); e {
	case "":
	case "access_denied":
		return "", state, cancelledError("the broker answered access_denied")
	default:
		return "", state, loginError(brokerError{e, q.Get("error_description")})
	}
	code = q.Get("code")
	if code == "" {
		return "", state, loginError(brokerError{"no code", ""})
	}
	return code, state, nil
}

// brokerError carries the broker's error code and description to the log.
type brokerError struct{ code, description string }

func (e brokerError) Error() string {
	if e.description == "" {
		return "broker: " + e.code
	}
	return "broker: " + e.code + ": " + e.description
}
