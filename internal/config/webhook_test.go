package config

import (
	"net/netip"
	"slices"
	"testing"
)

func TestWebhookAllowCIDRs(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        []netip.Prefix
		wantErr     bool
	}{
		{"empty allows nothing", "", nil, false},
		{"list with spaces, host bits masked", " 10.20.0.5/16 , fd00:1::/64,127.0.0.1/32", []netip.Prefix{
			netip.MustParsePrefix("10.20.0.0/16"), netip.MustParsePrefix("fd00:1::/64"), netip.MustParsePrefix("127.0.0.1/32")}, false},
		{"bare address refused", "10.0.0.1", nil, true},
		{"garbage refused", "intranet", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(func(k string) string {
				if k == "BGCHECK_WEBHOOK_ALLOW_CIDRS" {
					return tc.value
				}
				return ""
			}, nil)
			if tc.wantErr {
				if e, ok := err.(*Error); !ok || e.Var != "BGCHECK_WEBHOOK_ALLOW_CIDRS" {
					t.Fatalf("got %v, want an error naming the variable", err)
				}
				return
			}
			if err != nil || !slices.Equal(c.WebhookAllow, tc.want) {
				t.Fatalf("got %v %v, want %v", c.WebhookAllow, err, tc.want)
			}
		})
	}
}
