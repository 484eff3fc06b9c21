package webhook

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestCheckAddrRefusesNonPublicAddresses(t *testing.T) {
	for _, a := range []string{
		"127.0.0.1", "127.255.0.1", "::1", "0.0.0.0", "::",
		"10.0.0.1", "10.255.255.254", "172.16.0.1", "172.31.255.1", "192.168.1.1",
		"169.254.169.254", "fe80::1", "fe80::1%eth0",
		"100.64.0.1", "100.127.255.254",
		"fc00::1", "fd12:3456::1",
		"224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1",
		"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:100.64.0.1",
		"::127.0.0.1",                           // IPv4-compatible
		"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", // NAT64 of 127.0.0.1 and 169.254.169.254
		"64:ff9b:1::1",                       // local-use NAT64
		"2002:7f00:1::1", "2002:c0a8:101::1", // 6to4 of 127.0.0.1 and 192.168.1.1
		"198.18.0.1", "192.0.2.1", "2001:db8::1",
	} {
		if err := CheckAddr(netip.MustParseAddr(a), nil); !errors.Is(err, ErrForbiddenTarget) {
			t.Errorf("CheckAddr(%s) = %v, want ErrForbiddenTarget", a, err)
		}
	}
}

func TestCheckAddrPermitsPublicAddresses(t *testing.T) {
	for _, a := range []string{"93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "100.63.255.255", "100.128.0.1", "172.32.0.1"} {
		if err := CheckAddr(netip.MustParseAddr(a), nil); err != nil {
			t.Errorf("CheckAddr(%s) = %v, want nil", a, err)
		}
	}
}

func TestCheckAddrAllowlist(t *testing.T) {
	allowed := []netip.Prefix{netip.MustParsePrefix("10.1.2.0/24"), netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("fd00:1::/64")}
	tests := []struct {
		addr string
		ok   bool
	}{
		{"10.1.2.3", true},
		{"::ffff:10.1.2.3", true},
		{"127.0.0.1", true},
		{"::ffff:127.0.0.1", true},
		{"fd00:1::5", true},
		{"10.1.3.1", false},
		{"127.0.0.2", false},
		{"::1", false},
		{"169.254.169.254", false},
	}
	for _, tt := range tests {
		err := CheckAddr(netip.MustParseAddr(tt.addr), allowed)
		if (err == nil) != tt.ok {
			t.Errorf("CheckAddr(%s, allowlist) = %v, want allowed=%v", tt.addr, err, tt.ok)
		}
	}
}

func TestValidateURLRefuses(t *testing.T) {
	tests := []struct {
		name string
		url  string
	}{
		{"plain http", "http://hr.example.com/hooks"},
		{"another scheme", "ftp://hr.example.com/hooks"},
		{"a relative URL", "/hooks"},
		{"no host", "https:///hooks"},
		{"an opaque URL", "https:hr.example.com"},
		{"a user name", "https://admin@hr.example.com/hooks"},
		{"a password", "https://admin:pw@hr.example.com/hooks"},
		{"a fragment", "https://hr.example.com/hooks#x"},
		{"an empty fragment", "https://hr.example.com/hooks#"},
		{"port 0", "https://hr.example.com:0/hooks"},
		{"port above 65535", "https://hr.example.com:65536/hooks"},
		{"an empty port", "https://hr.example.com:/hooks"},
		{"a port with a leading zero", "https://hr.example.com:0443/hooks"},
		{"loopback", "https://127.0.0.1/hooks"},
		{"IPv6 loopback", "https://[::1]/hooks"},
		{"RFC 1918 10/8", "https://10.0.0.5/hooks"},
		{"RFC 1918 192.168/16", "https://192.168.1.10/hooks"},
		{"cloud metadata", "https://169.254.169.254/latest/meta-data/"},
		{"IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/hooks"},
		{"CGNAT", "https://100.64.0.1/hooks"},
		{"ULA", "https://[fd00::1]/hooks"},
		{"link-local with zone", "https://[fe80::1%25eth0]/hooks"},
		{"localhost", "https://localhost/hooks"},
		{"a localhost subdomain", "https://hr.localhost/hooks"},
		{"a decimal IPv4 address", "https://2130706433/hooks"},
		{"a shortened IPv4 address", "https://127.1/hooks"},
		{"a hex IPv4 address", "https://0x7f.0x1/hooks"},
		{"a trailing-dot address", "https://127.0.0.1./hooks"},
		{"too long", "https://hr.example.com/" + strings.Repeat("a", MaxURLLength)},
		{"not a URL", "https://hr example.com/%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ValidateURL(tt.url, false); !errors.Is(err, ErrForbiddenTarget) {
				t.Errorf("ValidateURL(%q) = %v, want ErrForbiddenTarget", tt.url, err)
			}
		})
	}
}

func TestValidateURLAccepts(t *testing.T) {
	tests := []struct {
		name         string
		url          string
		allowPrivate bool
		allowed      []netip.Prefix
	}{
		{"an https name", "https://hr.example.com/hooks", false, nil},
		{"a port and a query", "https://hr.example.com:8443/hooks?source=bgcheck", false, nil},
		{"a public address", "https://93.184.215.14/hooks", false, nil},
		{"a public IPv6 address", "https://[2606:4700:4700::1111]/hooks", false, nil},
		{"a name whose last label has a digit", "https://hr.example.c0m/hooks", false, nil},
		{"http to loopback when private targets are allowed", "http://127.0.0.1:8081/hooks", true, nil},
		{"localhost when private targets are allowed", "http://localhost:8081/hooks", true, nil},
		{"an allowlisted private address", "https://10.1.2.3/hooks", false, []netip.Prefix{netip.MustParsePrefix("10.1.2.0/24")}},
		{"localhost with loopback allowlisted", "https://localhost/hooks", false, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := ValidateURL(tt.url, tt.allowPrivate, tt.allowed...); err != nil {
				t.Errorf("ValidateURL(%q) = %v", tt.url, err)
			}
		})
	}
}

func TestValidateURLAllowlistStillNeedsHTTPS(t *testing.T) {
	if err := ValidateURL("http://10.1.2.3/hooks", false, netip.MustParsePrefix("10.1.2.0/24")); !errors.Is(err, ErrForbiddenTarget) {
		t.Errorf("ValidateURL(http, allowlisted) = %v, want ErrForbiddenTarget", err)
	}
}
