package webhook

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// ErrForbiddenTarget is returned (wrapped) when a webhook URL or the
// address it resolves to is not allowed.
var ErrForbiddenTarget = errors.New("webhook: target not allowed")

// MaxURLLength bounds a webhook URL.
const MaxURLLength = 2048

// blocked lists the ranges a webhook may not reach: everything that is
// not a public unicast address. Connections are refused to them at
// connect time, whatever a name resolved to.
var blocked = prefixes(
	"0.0.0.0/8",       // "this network", includes the unspecified address
	"10.0.0.0/8",      // RFC 1918
	"100.64.0.0/10",   // carrier-grade NAT (RFC 6598)
	"127.0.0.0/8",     // loopback
	"169.254.0.0/16",  // link-local, includes cloud metadata 169.254.169.254
	"172.16.0.0/12",   // RFC 1918
	"192.0.0.0/24",    // IETF protocol assignments
	"192.0.2.0/24",    // documentation
	"192.168.0.0/16",  // RFC 1918
	"198.18.0.0/15",   // benchmarking
	"198.51.100.0/24", // documentation
	"203.0.113.0/24",  // documentation
	"224.0.0.0/4",     // multicast
	"240.0.0.0/4",     // reserved, includes broadcast
	"::/127",          // unspecified and loopback
	"::/96",           // deprecated IPv4-compatible addresses
	"100::/64",        // discard-only
	"2001:db8::/32",   // documentation
	"fc00::/7",        // unique local (ULA)
	"fe80::/10",       // link-local
	"fec0::/10",       // deprecated site-local
	"ff00::/8",        // multicast
)

// nat64 and sixToFour embed an IPv4 address that a gateway would reach on
// the sender's behalf; the embedded address is judged instead.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	nat64Priv = netip.MustParsePrefix("64:ff9b:1::/48") // local-use NAT64 (RFC 8215)
	sixToFour = netip.MustParsePrefix("2002::/16")
)

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// CheckAddr returns nil when a webhook may connect to addr: a public
// unicast address, or any address inside one of allowed (the operator's
// explicit exceptions, e.g. an HR system on the internal network).
// IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
func CheckAddr(addr netip.Addr, allowed []netip.Prefix) error {
	addr = addr.WithZone("")
	plain := addr.Unmap()
	for _, p := range allowed {
		if p.Contains(addr) || p.Contains(plain) {
			return nil
		}
	}
	if !addr.IsValid() || isBlocked(plain) {
		return fmt.Errorf("%w: address %s is not a public address", ErrForbiddenTarget, addr)
	}
	return nil
}

func isBlocked(a netip.Addr) bool {
	for _, p := range blocked {
		if p.Contains(a) {
			return true
		}
	}
	b := a.As16()
	switch {
	case nat64Priv.Contains(a):
		return true
	case nat64.Contains(a):
		return isBlocked(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(a):
		return isBlocked(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return false
}

// ValidateURL checks a webhook URL when it is saved: absolute https (http
// only when allowPrivate), a host, no user name or password, no fragment,
// a port in 1–65535, and a host that is not an address (or localhost)
// outside the public internet unless it lies in allowed. allowPrivate is
// for development and tests: it permits http and any address.
//
// This check is advisory: a name can resolve to anything later, so the
// client from Client repeats the address check on every connection.
func ValidateURL(raw string, allowPrivate bool, allowed ...netip.Prefix) error {
	if len(raw) > MaxURLLength {
		return forbidden("URL longer than %d characters", MaxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return forbidden("not a URL")
	}
	switch {
	case u.Scheme != "https" && !(allowPrivate && u.Scheme == "http"):
		return forbidden("URL must start with https://")
	case u.Opaque != "" || u.Host == "":
		return forbidden("URL has no host")
	case u.User != nil:
		return forbidden("URL must not contain a user name or password")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return forbidden("URL must not contain a fragment")
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 || p[0] == '0' {
			return forbidden("port must be a number from 1 to 65535")
		}
	}
	if allowPrivate {
		return nil
	}
	return checkHost(u.Hostname(), allowed)
}

// checkHost judges what can be judged before resolution: address
// literals, localhost, and numeric names that some resolvers read as
// IPv4 addresses in legacy forms (2130706433, 127.1, 0x7f.1).
func checkHost(host string, allowed []netip.Prefix) error {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if a, err := netip.ParseAddr(host); err == nil {
		return CheckAddr(a, allowed)
	}
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		if CheckAddr(netip.AddrFrom4([4]byte{127, 0, 0, 1}), allowed) == nil || CheckAddr(netip.IPv6Loopback(), allowed) == nil {
			return nil
		}
		return forbidden("host %q is loopback", host)
	}
	labels := strings.Split(host, ".")
	if last := labels[len(labels)-1]; last == "" || isNumeric(last) {
		return forbidden("host %q is not a valid name", host)
	}
	return nil
}

// isNumeric reports whether a label is a decimal or hex number, which no
// top-level domain is.
func isNumeric(label string) bool {
	digits := "0123456789"
	if rest, ok := strings.CutPrefix(label, "0x"); ok {
		if rest == "" {
			return true
		}
		label, digits = rest, "0123456789abcdef"
	}
	return label != "" && strings.Trim(label, digits) == ""
}

func forbidden(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrForbiddenTarget}, args...)...)
}
